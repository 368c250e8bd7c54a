using Tiktok.Core.Errors;
using Tiktok.RestCompat.Binding;
using Tiktok.Schema.Errors;

namespace Tiktok.Tests.Edge;

public sealed class FieldVocabularyTests
{
    [Fact]
    public void REST_and_GraphQL_name_every_domain_field()
    {
        foreach (var field in Enum.GetValues<Field>())
        {
            Assert.True(RestFields.Vocabulary.Names.ContainsKey(field), $"REST compat has no parameter name for {field}");
            Assert.True(GraphQLArguments.Vocabulary.Names.ContainsKey(field), $"GraphQL has no argument name for {field}");
        }
    }

    [Fact]
    public void A_field_refusal_reads_with_each_front_s_name()
    {
        var refusal = DomainErrors.TooLong(Field.CommentText, 500);
        Assert.Equal("parameter 'comment_text' is longer than 500 characters", refusal.MessageNaming(RestFields.Vocabulary.Name));
        Assert.Equal("parameter 'content' is longer than 500 characters", refusal.MessageNaming(GraphQLArguments.Vocabulary.Name));
        Assert.Equal("parameter 'data' (the video file) is required", DomainErrors.UploadMissing().MessageNaming(RestFields.Vocabulary.Name));
    }
}
