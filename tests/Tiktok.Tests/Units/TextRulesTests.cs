using Tiktok.Core.Errors;
using Tiktok.Core.Validation;

namespace Tiktok.Tests.Units;

/// <summary>Text that UTF-8 forms cannot carry (lone surrogates arrive only through JSON escapes or in-process callers).</summary>
public sealed class TextRulesTests
{
    // Not [InlineData]: attribute strings are stored as UTF-8, which turns a lone surrogate into U+FFFD.
    public static TheoryData<int> IllFormed => new() { 0, 1, 2 };

    [Theory]
    [MemberData(nameof(IllFormed))]
    public void Ill_formed_text_is_refused_everywhere(int sample)
    {
        var text = new[] { "ab\uD800c", "ab\uDC00", "\uD83D" }[sample];
        Assert.Equal(ErrorCode.InvalidValue, Assert.Throws<DomainException>(() => TextRules.Username(Field.Username, text, 32)).Code);
        Assert.Equal(ErrorCode.InvalidValue, Assert.Throws<DomainException>(() => TextRules.Content(Field.MessageText, text, 100)).Code);
        Assert.Equal(ErrorCode.InvalidValue, Assert.Throws<DomainException>(() => TextRules.Title(Field.Title, text, 100)).Code);
        Assert.Equal(text, TextRules.NormalizeUsername(text));
    }

    [Fact]
    public void Normalising_a_name_maps_width_forms_and_composes()
    {
        Assert.Equal("AB c\u00E9", TextRules.NormalizeUsername("\uFF21\uFF22\u3000ce\u0301"));
        Assert.Equal("AB c\u00E9", TextRules.Username(Field.Username, "\uFF21\uFF22\u3000ce\u0301", 32));
        Assert.Equal("\U0001F600x", TextRules.Username(Field.Username, "\U0001F600x", 32));
    }
}
