using GraphQL;
using Tiktok.Core.Errors;

namespace Tiktok.Schema.Videos;

public static class Ids
{
    /// <summary>An ID argument as a positive 64-bit id.</summary>
    public static long Argument(IResolveFieldContext context, string name)
    {
        var raw = context.GetArgument<string?>(name);
        if (string.IsNullOrEmpty(raw)) throw DomainErrors.Missing(name);
        if (raw[0] == '-' || !Tiktok.Edge.Parameters.DecimalInteger.TryParse(raw, out var id))
            throw DomainErrors.NotANumber(name, raw);
        return id > 0 ? id : throw DomainErrors.OutOfRange(name, "must be a positive id");
    }
}
