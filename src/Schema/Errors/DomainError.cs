using System.Text;
using GraphQL;
using Tiktok.Edge.Errors;

namespace Tiktok.Schema.Errors;

/// <summary>
/// A failure shaped by the edge (<see cref="ErrorShaper"/>) as a GraphQL error carrying the
/// catalogue's code: <c>extensions.code</c> (e.g. <c>VIDEO_NOT_FOUND</c>) and
/// <c>extensions.status_code</c> (3002), as in REST compat; fields named as the schema's arguments.
/// </summary>
public sealed class DomainError : ExecutionError
{
    public DomainError(ShapedError shaped) : base(shaped.MessageIn(GraphQLArguments.Vocabulary))
    {
        Code = ScreamingSnake(shaped.Code.ToString());
        StatusCode = (int)shaped.Code;
        RetryAfterSeconds = shaped.RetryAfterSeconds;
    }

    /// <summary>A refusal the schema makes itself (a document limit, a bad argument), shaped as the edge would.</summary>
    public DomainError(Tiktok.Core.Errors.DomainException refusal)
        : this(new ShapedError(FailureKind.Refused, refusal, ErrorShaper.StatusFor(refusal.Code), refusal.RetryAfterSeconds))
    {
    }

    public int StatusCode { get; }

    /// <summary>Seconds after which the request may succeed (rate limit, outage): the answer's Retry-After.</summary>
    public int? RetryAfterSeconds { get; }

    public static string ScreamingSnake(string name)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) sb.Append('_');
            sb.Append(char.ToUpperInvariant(name[i]));
        }
        return sb.ToString();
    }
}
