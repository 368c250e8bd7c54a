using Tiktok.Core.Errors;
using Tiktok.Edge.Errors;

namespace Tiktok.Schema.Errors;

/// <summary>The schema's argument names for the domain's fields, so that errors name what the client sent.</summary>
public static class GraphQLArguments
{
    public static FieldVocabulary Vocabulary { get; } = new(new Dictionary<Field, string>
    {
        [Field.Username] = "username",
        [Field.Password] = "password",
        [Field.Title] = "title",
        [Field.VideoFile] = "file",
        [Field.CommentText] = "content",
        [Field.MessageText] = "content",
        [Field.ReportNote] = "note",
    });
}
