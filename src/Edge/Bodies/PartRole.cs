namespace Tiktok.Edge.Bodies;

/// <summary>What the reader does with one part of a multipart body.</summary>
public enum PartRole
{
    /// <summary>Read as text, under the plan's field limit.</summary>
    Field,

    /// <summary>The upload: streamed to staging under the upload limit, once the token allows it.</summary>
    File,

    /// <summary>Not wanted: skipped unread (the reader drains it).</summary>
    Skip,
}
