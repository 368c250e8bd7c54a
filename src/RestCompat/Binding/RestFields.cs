using Tiktok.Core.Errors;
using Tiktok.Edge.Errors;

namespace Tiktok.RestCompat.Binding;

/// <summary>The stock app's parameter names for the domain's fields (API.md).</summary>
public static class RestFields
{
    public static FieldVocabulary Vocabulary { get; } = new(new Dictionary<Field, string>
    {
        [Field.Username] = "username",
        [Field.Password] = "password",
        [Field.Title] = "title",
        [Field.VideoFile] = "data",
        [Field.CommentText] = "comment_text",
        [Field.MessageText] = "content",
        [Field.ReportNote] = "note",
    });
}
