using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Tiktok.Core.Errors;
using Tiktok.Core.Media;
using Tiktok.Edge.Authentication;
using Tiktok.Schema.Errors;
using Tiktok.Schema.RequestLimits;

namespace Tiktok.Schema.Http;

/// <summary>
/// GraphQL over HTTP (graphql.github.io/graphql-over-http): POST with a JSON body, GET for
/// queries, and the GraphQL multipart request spec for uploads. Answers
/// <c>application/graphql-response+json</c> (400 when the request could not be executed) unless
/// the client accepts only <c>application/json</c> (then 200 for every well-formed request).
/// </summary>
public static class GraphQLEndpoint
{
    public const string GraphQLResponse = "application/graphql-response+json";
    private const int MaxQueryLength = 32 * 1024;
    private const int MaxJsonPart = 64 * 1024;

    public static IEndpointConventionBuilder MapTiktokGraphQL(this IEndpointRouteBuilder app, string pattern = "/graphql") =>
        app.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Post], HandleAsync).DisableAntiforgery()
            .AddEndpointFilter(GraphQLWebSockets.Filter); // graphql-transport-ws upgrades: GraphQLWebSockets.cs

    private static async Task HandleAsync(HttpContext http, IDocumentExecuter<TiktokSchema> executer,
        IGraphQLTextSerializer serializer, Callers callers, UploadStaging staging)
    {
        if (await GraphiQLPage.TryServeAsync(http)) return;
        var graphqlResponse = AcceptsGraphQLResponse(http.Request);
        // Authenticated once per request by the default scheme, before any body is read.
        var caller = await callers.CurrentAsync(http);
        if (caller.Refusal is { } refused)
        {
            var unavailable = refused.Code == ErrorCode.Unavailable;
            if (unavailable) http.Response.Headers.RetryAfter = DomainErrors.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteErrorAsync(http, serializer, graphqlResponse, unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status401Unauthorized, refused);
            return;
        }
        var uploads = new List<StagedUpload>();
        try
        {
            GraphQLRequest? request;
            try
            {
                request = await ReadRequestAsync(http, serializer, staging, uploads);
            }
            catch (DomainException refusal)
            {
                var status = refusal.Code is ErrorCode.UploadTooLarge or ErrorCode.RequestTooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
                await WriteErrorAsync(http, serializer, graphqlResponse, status, refusal);
                return;
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await WriteErrorAsync(http, serializer, graphqlResponse, 413, new DomainException(ErrorCode.RequestTooLarge, "the request body is larger than the server accepts"));
                return;
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException or BadHttpRequestException or FormatException)
            {
                await WriteErrorAsync(http, serializer, graphqlResponse, 400, DomainErrors.Invalid("body", $"is not a GraphQL request: {e.Message}"));
                return;
            }
            if (request is null) return; // an answer was already written

            var result = await executer.ExecuteAsync(new ExecutionOptions
            {
                Query = request.Query,
                OperationName = request.OperationName,
                Variables = request.Variables,
                Extensions = request.Extensions,
                RequestServices = http.RequestServices,
                UserContext = new GraphQLUserContext
                {
                    ViewerId = caller.UserId,
                    RequestBase = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}",
                    ClientAddress = http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                },
                CancellationToken = http.RequestAborted,
                ThrowOnUnhandledException = false,
            });
            http.Response.StatusCode = graphqlResponse && !result.Executed ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
            // A field failed because the database is unreachable: the status stays GraphQL's (the
            // other fields may have data), and Retry-After says when to repeat the request.
            if (result.Errors?.Any(e => e is DomainError { StatusCode: (int)ErrorCode.Unavailable }) == true)
                http.Response.Headers.RetryAfter = DomainErrors.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.ContentType = (graphqlResponse ? GraphQLResponse : "application/json") + "; charset=utf-8";
            await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
        }
        finally
        {
            foreach (var upload in uploads) await upload.DisposeAsync();
        }
    }

    private static async Task<GraphQLRequest?> ReadRequestAsync(HttpContext http, IGraphQLTextSerializer serializer,
        UploadStaging staging, List<StagedUpload> uploads)
    {
        GraphQLRequest? request;
        var isGet = HttpMethods.IsGet(http.Request.Method);
        if (isGet)
        {
            var q = http.Request.Query;
            request = new GraphQLRequest
            {
                Query = q["query"].ToString(),
                OperationName = q.TryGetValue("operationName", out var op) && op.Count > 0 ? op.ToString() : null,
                Variables = q.TryGetValue("variables", out var v) && v.Count > 0 ? serializer.Deserialize<Inputs>(v.ToString()) : null,
                Extensions = q.TryGetValue("extensions", out var x) && x.Count > 0 ? serializer.Deserialize<Inputs>(x.ToString()) : null,
            };
        }
        else
        {
            var contentType = http.Request.ContentType ?? "";
            if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                var maxBody = http.RequestServices.GetRequiredService<IOptions<GraphQLOptions>>().Value.MaxBodyBytes;
                if (http.Request.ContentLength > maxBody)
                    throw new DomainException(ErrorCode.RequestTooLarge, $"the request body is larger than {maxBody} bytes (Tiktok:GraphQL:MaxBodyBytes)");
                var sizeFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
                if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = maxBody;
                request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted);
            }
            else if (contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
                request = await ReadMultipartAsync(http, serializer, staging, uploads);
            else
            {
                var graphqlResponse = AcceptsGraphQLResponse(http.Request);
                await WriteErrorAsync(http, serializer, graphqlResponse, StatusCodes.Status415UnsupportedMediaType,
                    DomainErrors.Invalid("Content-Type", "must be application/json, or multipart/form-data for uploads"));
                return null;
            }
        }

        if (request is not null && !http.RequestServices.GetRequiredService<PersistedQueries>().Resolve(request))
        {
            // Apollo's clients retry with the text on this code; 200 as Apollo Server answers it.
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = (AcceptsGraphQLResponse(http.Request) ? GraphQLResponse : "application/json") + "; charset=utf-8";
            await serializer.WriteAsync(http.Response.Body,
                new ExecutionResult { Errors = [new ExecutionError("PersistedQueryNotFound") { Code = PersistedQueries.NotFoundCode }] }, http.RequestAborted);
            return null;
        }
        if (request is null || string.IsNullOrWhiteSpace(request.Query)) throw DomainErrors.Missing("query");
        if (request.Query.Length > MaxQueryLength) throw DomainErrors.TooLong("query", MaxQueryLength);
        if (isGet && IsMutation(request))
        {
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, serializer, AcceptsGraphQLResponse(http.Request), StatusCodes.Status405MethodNotAllowed,
                DomainErrors.Invalid("query", "is a mutation: send mutations with POST"));
            return null;
        }
        return request;
    }

    /// <summary>The GraphQL multipart request spec: "operations", then "map", then the files.</summary>
    private static async Task<GraphQLRequest?> ReadMultipartAsync(HttpContext http, IGraphQLTextSerializer serializer,
        UploadStaging staging, List<StagedUpload> uploads)
    {
        var sizeFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = staging.MaxBytes + 1024 * 1024;
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(http.Request.ContentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw DomainErrors.Invalid("Content-Type", "has no multipart boundary");

        var reader = new MultipartReader(boundary, http.Request.Body);
        GraphQLRequest? request = null;
        Dictionary<string, string[]>? map = null;
        var variables = new Dictionary<string, object?>();
        while (await reader.ReadNextSectionAsync(http.RequestAborted) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (name == "operations")
            {
                request = serializer.Deserialize<GraphQLRequest>(await UploadStaging.ReadTextPartAsync(section.Body, name, MaxJsonPart, http.RequestAborted));
                foreach (var (k, v) in request?.Variables ?? Inputs.Empty) variables[k] = v;
            }
            else if (name == "map")
            {
                if (request is null) throw DomainErrors.Invalid("map", "must come after 'operations'");
                map = serializer.Deserialize<Dictionary<string, string[]>>(await UploadStaging.ReadTextPartAsync(section.Body, name, MaxJsonPart, http.RequestAborted));
            }
            else if (map is not null && map.TryGetValue(name, out var paths))
            {
                if (uploads.Count >= 1) throw DomainErrors.Invalid(name, "is a second file: one upload per request");
                var upload = await staging.StageAsync(section.Body, http.RequestAborted);
                uploads.Add(upload);
                foreach (var path in paths)
                {
                    if (!path.StartsWith("variables.", StringComparison.Ordinal) || path.Count(ch => ch == '.') != 1)
                        throw DomainErrors.Invalid("map", $"path '{path}' must name a top-level variable, e.g. variables.file");
                    variables[path["variables.".Length..]] = upload;
                }
            }
        }
        if (request is null) throw DomainErrors.Missing("operations");
        request.Variables = new Inputs(variables);
        return request;
    }

    private static bool IsMutation(GraphQLRequest request)
    {
        GraphQLDocument document;
        try { document = GraphQLParser.Parser.Parse(request.Query!); }
        catch (GraphQLParser.Exceptions.GraphQLSyntaxErrorException) { return false; } // the executer reports it
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var chosen = request.OperationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == request.OperationName);
        return chosen?.Operation == OperationType.Mutation;
    }

    /// <summary>
    /// The GraphQL-over-HTTP media type only for clients that name it; <c>application/json</c> for
    /// the rest, a missing Accept and <c>*/*</c> included, as the spec says servers SHOULD.
    /// </summary>
    private static bool AcceptsGraphQLResponse(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains(GraphQLResponse, StringComparison.OrdinalIgnoreCase);

    private static async Task WriteErrorAsync(HttpContext http, IGraphQLTextSerializer serializer, bool graphqlResponse,
        int status, DomainException refusal)
    {
        // Only requests that could not be read get here: their status holds for application/json clients too.
        http.Response.StatusCode = status;
        http.Response.ContentType = (graphqlResponse ? GraphQLResponse : "application/json") + "; charset=utf-8";
        var result = new ExecutionResult { Errors = [new DomainError(refusal)] };
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
