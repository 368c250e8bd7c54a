using GraphQL;
using GraphQL.Execution;

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
        return info;
    }
}
