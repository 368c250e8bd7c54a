namespace Tiktok.RestCompat.OpenApi;

/// <summary>What a <c>/douyin</c> parameter holds, and so its schema in the document.</summary>
public enum ParameterKind
{
    /// <summary>A positive int64 id (<c>0</c> means "none" where the endpoint says so).</summary>
    Id,
    /// <summary>Unix milliseconds; below 10^11 taken as seconds.</summary>
    Time,
    /// <summary><c>action_type</c>: one of the endpoint's allowed values.</summary>
    ActionType,
    Text,
    /// <summary>The access token (also <c>Authorization: Bearer</c>).</summary>
    Token,
    /// <summary>A file part of a multipart body.</summary>
    File,
}
