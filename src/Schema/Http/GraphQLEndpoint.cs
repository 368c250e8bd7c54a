using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tiktok.Core.Errors;
using Tiktok.Edge.Authentication;
using Tiktok.Edge.Bodies;
using Tiktok.Edge.Errors;
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
    private const int MaxJsonPart = 64 * 1024;

    public static IEndpointConventionBuilder MapTiktokGraphQL(this IEndpointRouteBuilder app, string pattern = "/graphql") =>
        app.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Post], HandleAsync).DisableAntiforgery()
            .AddEndpointFilter(GraphQLWebSockets.Filter); // graphql-transport-ws upgrades: GraphQLWebSockets.cs

    private static async Task HandleAsync(HttpContext http, IDocumentExecuter<TiktokSchema> executer,
        IGraphQLTextSerializer serializer, Callers callers, MultipartBodyReader bodies, AnswerCache answers)
    {
        if (await GraphiQLPage.TryServeAsync(http)) return;
        var graphqlResponse = AcceptsGraphQLResponse(http.Request);
        // Authenticated once per request by the default scheme, before any body is read.
        var caller = await callers.CurrentAsync(http);
        if (caller.Refusal is { } refused)
        {
            // The edge's status (503 with Retry-After while the database is away), else 500 for our
            // own fault and 401 for the token.
            var shaped = Refused(refused);
            shaped.WriteRetryAfter(http.Response);
            var status = shaped.HttpStatus ?? (refused.Code == ErrorCode.Internal ? StatusCodes.Status500InternalServerError : StatusCodes.Status401Unauthorized);
            await WriteErrorAsync(http, serializer, graphqlResponse, status, shaped);
            return;
        }
        MultipartBody? body = null;
        try
        {
            GraphQLRequest? request;
            try
            {
                request = await ReadRequestAsync(http, serializer, bodies, b => body = b);
            }
            catch (Exception e)
            {
                var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tiktok.GraphQL");
                var shaped = ErrorShaper.Shape(e, http.RequestServices.GetRequiredService<TransientFailures>(), logger, "GraphQL request", http.TraceIdentifier, http.RequestAborted.IsCancellationRequested);
                if (shaped.Kind == FailureKind.ClientGone) return;
                var status = shaped.HttpStatus ?? shaped.Kind switch
                {
                    FailureKind.Fault => StatusCodes.Status500InternalServerError,
                    _ when shaped.Code is ErrorCode.TokenInvalid or ErrorCode.TokenMissing => StatusCodes.Status401Unauthorized,
                    _ => StatusCodes.Status400BadRequest,
                };
                shaped.WriteRetryAfter(http.Response);
                await WriteErrorAsync(http, serializer, graphqlResponse, status, shaped);
                return;
            }
            if (request is null) return; // an answer was already written

            var requestBase = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
            // Without a token (never for a viewer) and without files, a query's answer may come from
            // the answer cache; one that executes is kept if it is a query answered without errors.
            AnswerCache.Key? key = null;
            var version = Tiktok.Core.Caching.DataVersion.Unknown;
            if (caller.UserId is null && body is null && answers.Enabled && AnswerCache.VariablesKey(request.Variables) is var (cacheable, variables) && cacheable)
            {
                key = new AnswerCache.Key(requestBase, request.Query!, request.OperationName, variables);
                version = await answers.VersionAsync();
                if (answers.Find(key, version) is { } cached)
                {
                    await WriteAnswerAsync(http, graphqlResponse, cached);
                    return;
                }
            }

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
                    RequestBase = requestBase,
                    ClientAddress = http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    RequestId = http.TraceIdentifier,
                },
                CancellationToken = http.RequestAborted,
                ThrowOnUnhandledException = false,
            });
            if (key is not null && GraphQLResponseWriter.Takes(result) && result.Operation?.Operation == OperationType.Query)
            {
                var buffer = new System.Buffers.ArrayBufferWriter<byte>(16 * 1024);
                GraphQLResponseWriter.Write(buffer, result);
                var bytes = buffer.WrittenSpan.ToArray();
                answers.Store(key, version, bytes);
                await WriteAnswerAsync(http, graphqlResponse, bytes);
                return;
            }
            http.Response.StatusCode = graphqlResponse && !result.Executed ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
            // A field failed for a passing reason (database unreachable, rate limit): the status stays
            // GraphQL's (the other fields may have data), and Retry-After says when to repeat the request.
            if (result.Errors?.OfType<DomainError>().Max(e => e.RetryAfterSeconds) is { } retryAfter)
                http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.ContentType = (graphqlResponse ? GraphQLResponse : "application/json") + "; charset=utf-8";
            await GraphQLResponseWriter.WriteAsync(http.Response, result, serializer, http.RequestAborted);
        }
        finally
        {
            if (body is not null) await body.DisposeAsync();
        }
    }

    /// <summary>An answer with data and no errors, as bytes: 200 and the media type the client accepts.</summary>
    private static async Task WriteAnswerAsync(HttpContext http, bool graphqlResponse, byte[] answer)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = (graphqlResponse ? GraphQLResponse : "application/json") + "; charset=utf-8";
        http.Response.ContentLength = answer.Length;
        await http.Response.Body.WriteAsync(answer, http.RequestAborted);
    }

    private static async Task<GraphQLRequest?> ReadRequestAsync(HttpContext http, IGraphQLTextSerializer serializer,
        MultipartBodyReader bodies, Action<MultipartBody> keep)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<GraphQLOptions>>().Value;
        GraphQLRequest? request;
        var isGet = HttpMethods.IsGet(http.Request.Method);
        if (isGet)
        {
            var q = http.Request.Query;
            request = new GraphQLRequest
            {
                Query = q["query"].ToString(),
                OperationName = q.TryGetValue("operationName", out var op) && op.Count > 0 ? op.ToString() : null,
                Variables = q.TryGetValue("variables", out var v) && v.Count > 0 ? Json<Inputs>(serializer, "variables", v.ToString()) : null,
                Extensions = q.TryGetValue("extensions", out var x) && x.Count > 0 ? Json<Inputs>(serializer, "extensions", x.ToString()) : null,
                DocumentId = q.TryGetValue("documentId", out var d) && d.Count > 0 ? d.ToString() : null,
            };
        }
        else
        {
            var contentType = http.Request.ContentType ?? "";
            if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                var maxBody = options.MaxBodyBytes;
                if (http.Request.ContentLength > maxBody)
                    throw new DomainException(ErrorCode.RequestTooLarge, $"the request body is larger than {maxBody} bytes (Tiktok:GraphQL:MaxBodyBytes)");
                var sizeFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
                if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = maxBody;
                request = await ReadJsonBodyAsync(http, serializer);
            }
            else if (contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
                request = await ReadMultipartAsync(http, serializer, bodies, keep);
            else
            {
                var graphqlResponse = AcceptsGraphQLResponse(http.Request);
                await WriteErrorAsync(http, serializer, graphqlResponse, StatusCodes.Status415UnsupportedMediaType,
                    Refused(DomainErrors.Invalid("Content-Type", "must be application/json, or multipart/form-data for uploads")));
                return null;
            }
        }

        if (request is not null && http.RequestServices.GetRequiredService<PersistedQueries>().Resolve(request) is var outcome &&
            outcome != PersistedQueryOutcome.Ready)
        {
            // Apollo's clients retry with the text on NOT_FOUND; 200 as Apollo Server answers it. A text
            // refused by the trusted-documents mode could not execute: 400 for graphql-response+json.
            var graphqlResponse = AcceptsGraphQLResponse(http.Request);
            http.Response.StatusCode = outcome == PersistedQueryOutcome.NotAllowed && graphqlResponse
                ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
            http.Response.ContentType = (graphqlResponse ? GraphQLResponse : "application/json") + "; charset=utf-8";
            await serializer.WriteAsync(http.Response.Body,
                new ExecutionResult { Errors = [PersistedQueries.Error(outcome)] }, http.RequestAborted);
            return null;
        }
        if (request is null || string.IsNullOrWhiteSpace(request.Query)) throw DomainErrors.Missing("query");
        if (request.Query.Length > options.MaxQueryLength) throw DomainErrors.TooLong("query", options.MaxQueryLength);
        if (isGet && IsMutation(request))
        {
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, serializer, AcceptsGraphQLResponse(http.Request), StatusCodes.Status405MethodNotAllowed,
                Refused(DomainErrors.Invalid("query", "is a mutation: send mutations with POST")));
            return null;
        }
        return request;
    }

    /// <summary>A JSON body: a body cut short is unreadable (MalformedBody); one that is not JSON is not a GraphQL request.</summary>
    private static async Task<GraphQLRequest?> ReadJsonBodyAsync(HttpContext http, IGraphQLTextSerializer serializer)
    {
        try
        {
            return await RequestBodies.ReadAsync(http, () => serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted).AsTask());
        }
        catch (MalformedBodyException e) when (e.InnerException is System.Text.Json.JsonException or FormatException)
        {
            throw DomainErrors.Invalid("body", $"is not a GraphQL request: {e.InnerException.Message}");
        }
    }

    private static T? Json<T>(IGraphQLTextSerializer serializer, string parameter, string text)
    {
        try { return serializer.Deserialize<T>(text); }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            throw DomainErrors.Invalid(parameter, $"is not valid JSON: {e.Message}");
        }
    }

    /// <summary>
    /// The GraphQL multipart request spec ("operations", then "map", then the files), read by the
    /// edge's <see cref="MultipartBodyReader"/>. The token can only come in the Authorization header,
    /// so it is checked before the body is read, and a file without one is refused unread: no
    /// operation takes an anonymous upload.
    /// </summary>
    private static async Task<GraphQLRequest?> ReadMultipartAsync(HttpContext http, IGraphQLTextSerializer serializer,
        MultipartBodyReader bodies, Action<MultipartBody> keep)
    {
        GraphQLRequest? request = null;
        Dictionary<string, string[]>? map = null;
        var header = http.Request.Headers.Authorization.ToString();
        var plan = new MultipartPlan
        {
            Role = (name, _, body) => name switch
            {
                "operations" or "map" => PartRole.Field,
                _ when map is null || !map.ContainsKey(name) => PartRole.Skip,
                _ when body.Files.Count >= 1 => throw DomainErrors.Invalid(name, "is a second file: one upload per request"),
                _ => PartRole.File,
            },
            MaxFieldBytes = _ => MaxJsonPart,
            OnField = (name, value, _) =>
            {
                if (name == "operations") request = Json<GraphQLRequest>(serializer, "operations", value);
                else if (request is null) throw DomainErrors.Invalid("map", "must come after 'operations'");
                else map = Json<Dictionary<string, string[]>>(serializer, "map", value);
            },
            TokenOutsideBody = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null,
        };
        var body = await bodies.ReadAsync(http, plan);
        keep(body);

        if (request is null) throw DomainErrors.Missing("operations");
        var variables = new Dictionary<string, object?>();
        foreach (var (k, v) in request.Variables ?? Inputs.Empty) variables[k] = v;
        foreach (var (name, upload) in body.Files)
        {
            foreach (var path in map![name])
            {
                if (!path.StartsWith("variables.", StringComparison.Ordinal) || path.Count(ch => ch == '.') != 1)
                    throw DomainErrors.Invalid("map", $"path '{path}' must name a top-level variable, e.g. variables.file");
                variables[path["variables.".Length..]] = upload;
            }
        }
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

    /// <summary>A refusal this endpoint makes itself, shaped as the edge would.</summary>
    private static ShapedError Refused(DomainException refusal) =>
        new(FailureKind.Refused, refusal, ErrorShaper.StatusFor(refusal.Code), refusal.RetryAfterSeconds);

    private static async Task WriteErrorAsync(HttpContext http, IGraphQLTextSerializer serializer, bool graphqlResponse,
        int status, ShapedError error)
    {
        // Only requests that could not be read get here: their status holds for application/json clients too.
        http.Response.StatusCode = status;
        http.Response.ContentType = (graphqlResponse ? GraphQLResponse : "application/json") + "; charset=utf-8";
        var result = new ExecutionResult { Errors = [new DomainError(error)] };
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
