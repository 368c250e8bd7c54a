namespace Tiktok.Core.Errors;

/// <summary>
/// A value the domain validates, named in no front's vocabulary: each front (REST compat, GraphQL,
/// hubs) maps it to its own parameter or argument name when it renders the message.
/// </summary>
public enum Field
{
    Username,
    Password,
    Title,
    VideoFile,
    CommentText,
    MessageText,
    ReportNote,
}
