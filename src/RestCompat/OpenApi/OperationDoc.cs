using Tiktok.Core.Errors;

namespace Tiktok.RestCompat.OpenApi;

/// <summary>
/// Endpoint metadata that describes one <c>/douyin</c> endpoint in the OpenAPI document: what the
/// routing data cannot say (the handlers read their parameters and write their JSON themselves).
/// </summary>
/// <param name="Answer">The answer's type in <c>Contract/</c>, success and refusal alike.</param>
/// <param name="Errors">The <c>status_code</c>s besides 0 this endpoint can answer.</param>
/// <param name="MultipartOnly">The body must be multipart (publish); otherwise urlencoded or multipart.</param>
public sealed record OperationDoc(
    string OperationId,
    string Tag,
    string Summary,
    string Description,
    TokenUse Token,
    Type Answer,
    IReadOnlyList<ParameterDoc> Parameters,
    IReadOnlyList<ErrorCode> Errors,
    bool MultipartOnly = false);
