using GraphQL;
using GraphQL.Execution;

namespace Tiktok.Schema.Errors;

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
