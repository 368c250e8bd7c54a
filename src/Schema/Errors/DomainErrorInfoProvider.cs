using System.Text;
using GraphQL;
using GraphQL.Execution;
using Tiktok.Core.Errors;

namespace Tiktok.Schema.Errors;

/// <summary>
/// Domain refusals become GraphQL errors carrying the catalogue's code: <c>extensions.code</c>
/// (e.g. <c>VIDEO_NOT_FOUND</c>) and <c>extensions.status_code</c> (3002), as in REST compat.
/// </summary>
public sealed class DomainError : ExecutionError
{
    public DomainError(DomainException refusal) : base(refusal.Message)
    {
        Code = ScreamingSnake(refusal.Code.ToString());
        StatusCode = (int)refusal.Code;
    }

    public int StatusCode { get; }

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

public sealed class DomainErrorInfoProvider() : ErrorInfoProvider(new ErrorInfoProviderOptions { ExposeData = false })
{
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (executionError is DomainError domain)
        {
            info.Extensions ??= new Dictionary<string, object?>();
            info.Extensions["status_code"] = domain.StatusCode;
            info.Extensions.Remove("codes");
        }
        return info;
    }
}
