using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation.Errors.Custom;
using Tiktok.Core.Errors;

namespace Tiktok.Schema.Errors;

public sealed class DomainErrorInfoProvider() : ErrorInfoProvider(new ErrorInfoProviderOptions { ExposeData = false })
{
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        // One shape for every error: extensions.code (SCREAMING_SNAKE), plus status_code where the
        // catalogue has one; GraphQL.NET's extra "codes" and "number" go.
        var info = base.GetInfo(executionError);
        info.Extensions?.Remove("codes");
        info.Extensions?.Remove("number");
        if (executionError is DomainError domain)
        {
            info.Extensions ??= new Dictionary<string, object?>();
            info.Extensions["status_code"] = domain.StatusCode;
        }
        else if (executionError is ComplexityError)
        {
            // GraphQL.NET's own cost rule: the same refusal as our document limits, in the catalogue's words.
            info.Extensions ??= new Dictionary<string, object?>();
            info.Extensions["code"] = "QUERY_TOO_COMPLEX";
            info.Extensions["status_code"] = (int)ErrorCode.QueryTooComplex;
        }
        return info;
    }
}
