using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Tiktok.Core.Errors;

namespace Tiktok.RestCompat.OpenApi;

/// <summary>
/// Fills a <c>/douyin</c> operation from its <see cref="OperationDoc"/>: the parameters in the query
/// string and in an urlencoded or multipart body (docs/rest-compat.md: one rule for all three), the
/// answer's schema for HTTP 200 and for the 413/429/503 refusals, the token, the status codes.
/// </summary>
internal sealed class DouyinOperationTransformer : IOpenApiOperationTransformer
{
    public const string StatusCodesExtension = "x-status-codes";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var doc = context.Description.ActionDescriptor.EndpointMetadata.OfType<OperationDoc>().FirstOrDefault();
        if (doc is null) return Task.CompletedTask;
        var document = context.Document ?? throw new InvalidOperationException("the operation transformer runs without its document");

        operation.OperationId = doc.OperationId;
        operation.Summary = doc.Summary;
        operation.Description = Describe(doc);
        operation.Tags = new HashSet<OpenApiTagReference> { new(doc.Tag, document) };

        operation.Parameters = doc.Parameters
            .Where(p => p.Kind != ParameterKind.File)
            .Select(p => (IOpenApiParameter)new OpenApiParameter
            {
                Name = p.Name,
                In = ParameterLocation.Query,
                Required = false, // the body may carry it instead
                Description = Where(p),
                Schema = Schema(p),
            }).ToList();
        operation.RequestBody = Body(doc);

        var answer = ContractSchemas.Reference(document, doc.Answer);
        operation.Responses = new OpenApiResponses
        {
            ["200"] = Response($"Every answer, success (`status_code` 0) or refusal (the codes below, every other field zero-valued).\n\n{CodeList(doc.Errors)}", answer),
            ["413"] = Response("The body is over the limit (6002; 5002 for publish's file): the same JSON.", answer),
            ["503"] = Response("The database is unreachable for now (9002): try again after `Retry-After` seconds. The same JSON.", answer, retryAfter: true),
        };
        if (doc.Errors.Contains(ErrorCode.RateLimited))
            operation.Responses["429"] = Response("Too many sign-up/log-in attempts from this address (6001): try again after `Retry-After` seconds. The same JSON.", answer, retryAfter: true);

        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[StatusCodesExtension] = new JsonNodeExtension(new JsonArray([.. doc.Errors.Select(c => (JsonNode)JsonValue.Create((int)c))]));

        // Reads take an optional token: no requirement ({}) or the bearer scheme.
        if (doc.Token != TokenUse.None)
        {
            var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(DouyinDocumentTransformer.BearerScheme, document)] = [] };
            operation.Security = doc.Token == TokenUse.Required ? [bearer] : [new OpenApiSecurityRequirement(), bearer];
        }
        return Task.CompletedTask;
    }

    private static string Describe(OperationDoc doc)
    {
        var token = doc.Token switch
        {
            TokenUse.Required => "Needs a token (`token` or `Authorization: Bearer`): 2001 without one.",
            TokenUse.Optional => "A token is optional (`token` or `Authorization: Bearer`); a bad one is refused.",
            _ => "No token.",
        };
        var where = doc.MultipartOnly
            ? "The fields come in a multipart/form-data body; `title` and `token` may be in the query string instead."
            : "Each parameter may be in the query string, an application/x-www-form-urlencoded body or a multipart/form-data body; where two carry it, their values must agree (else 1005).";
        return $"{doc.Description}\n\n{token} {where}";
    }

    private static string Where(ParameterDoc p) =>
        (p.Required ? "Required (here or in the body). " : "") + p.Description;

    private static string CodeList(IEnumerable<ErrorCode> codes) =>
        "Status codes:\n\n" + string.Join("\n", codes.Select(c => $"- `{(int)c}` {c}"));

    private static OpenApiSchema Schema(ParameterDoc p) => p.Kind switch
    {
        ParameterKind.Id => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" },
        ParameterKind.Time => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" },
        ParameterKind.ActionType => new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = "int32",
            Enum = (p.Allowed ?? []).Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
        },
        ParameterKind.File => new OpenApiSchema { Type = JsonSchemaType.String, ContentMediaType = "application/octet-stream" },
        _ => new OpenApiSchema { Type = JsonSchemaType.String },
    };

    /// <summary>The same fields as a body: urlencoded or multipart (publish: multipart only, the file required).</summary>
    private static OpenApiRequestBody Body(OperationDoc doc)
    {
        OpenApiSchema Fields(bool withRequired) => new()
        {
            Type = JsonSchemaType.Object,
            Properties = doc.Parameters.ToDictionary(p => p.Name, p =>
            {
                var schema = Schema(p);
                schema.Description = p.Description;
                return (IOpenApiSchema)schema;
            }),
            Required = withRequired ? doc.Parameters.Where(p => p.Required && p.Kind != ParameterKind.Token).Select(p => p.Name).ToHashSet() : null,
        };
        var content = new Dictionary<string, OpenApiMediaType>();
        if (!doc.MultipartOnly) content["application/x-www-form-urlencoded"] = new OpenApiMediaType { Schema = Fields(false) };
        content["multipart/form-data"] = new OpenApiMediaType { Schema = Fields(doc.MultipartOnly) };
        return new OpenApiRequestBody
        {
            Required = doc.MultipartOnly,
            Description = doc.MultipartOnly
                ? "The video and its fields."
                : "Optional: the parameters as a form instead of (or besides) the query string.",
            Content = content,
        };
    }

    private static OpenApiResponse Response(string description, IOpenApiSchema schema, bool retryAfter = false)
    {
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
        if (retryAfter)
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before trying again.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
        return response;
    }
}
