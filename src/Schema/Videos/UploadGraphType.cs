using GraphQL.Types;
using Tiktok.Core.Errors;
using Tiktok.Core.Media;

namespace Tiktok.Schema.Videos;

/// <summary>The Upload scalar of the GraphQL multipart request spec: only ever a variable filled from a file part.</summary>
public sealed class UploadGraphType : ScalarGraphType
{
    public UploadGraphType()
    {
        Name = "Upload";
        Description = "a file sent as a part of a GraphQL multipart request";
    }

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        StagedUpload upload => upload,
        _ => throw DomainErrors.Invalid("file", "must be a file part of a multipart request"),
    };

    public override object? ParseLiteral(GraphQLParser.AST.GraphQLValue value) =>
        value is GraphQLParser.AST.GraphQLNullValue ? null : throw DomainErrors.Invalid("file", "must be a variable bound to a file part");

    public override object? Serialize(object? value) => null;
}
