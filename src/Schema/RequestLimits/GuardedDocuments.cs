using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tiktok.Core.Errors;
using Tiktok.Schema.Errors;

namespace Tiktok.Schema.RequestLimits;

/// <summary>
/// Every execution, whatever its transport, passes here first: the query is parsed once, measured
/// against <see cref="GraphQLOptions"/> before any validation rule runs, and kept once valid, so a
/// repeated document skips parsing and validation (the complexity rule still runs, with this
/// request's variables). Answers carry at most <see cref="GraphQLOptions.MaxErrors"/> errors.
/// </summary>
public sealed class GuardedDocuments : IConfigureExecution, IDisposable
{
    private readonly GraphQLOptions _limits;
    private readonly QueryTextCache<GraphQLDocument> _valid;

    public GuardedDocuments(IOptions<GraphQLOptions> limits)
    {
        _limits = limits.Value;
        _valid = new QueryTextCache<GraphQLDocument>(_limits);
    }

    /// <summary>After GraphQL.NET's option configurations (100), where its own document cache would sit (200).</summary>
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is null) return Bounded(await next(options));
        if (options.Query.Length > _limits.MaxQueryLength)
            return Refused(DomainErrors.TooLong("query", _limits.MaxQueryLength));

        if (_valid.TryGet(options.Query, out var known))
        {
            options.Document = known;
            // Validated when it was stored; what depends on the request still runs: the complexity
            // rule (list sizes may come from variables), which GraphQL.NET leaves out for cached documents.
            var complexity = options.RequestServices!.GetRequiredService<ComplexityValidationRule>();
            options.ValidationRules = (options.CachedDocumentValidationRules ?? []).Append(complexity);
            return Bounded(await next(options));
        }

        GraphQLDocument document;
        try
        {
            document = Parser.Parse(options.Query, new ParserOptions { Ignore = IgnoreOptions.Comments });
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return Refused(new DomainException(ErrorCode.QueryTooComplex,
                "the document nests deeper than the parser allows (128 syntax levels)"));
        }
        catch (GraphQLParserException)
        {
            return Bounded(await next(options)); // GraphQL.NET parses it again and reports the syntax error
        }
        if (DocumentMeasure.Violation(document, _limits) is { } violation)
            return Refused(new DomainException(ErrorCode.QueryTooComplex, violation));

        options.Document = document;
        var result = await next(options);
        if (result.Executed) _valid.Set(options.Query, document, options.Query);
        return Bounded(result);
    }

    private static ExecutionResult Refused(DomainException refusal) => new() { Errors = [new DomainError(refusal)] };

    /// <summary>At most <see cref="GraphQLOptions.MaxErrors"/> errors; the last one says how many were left out.</summary>
    private ExecutionResult Bounded(ExecutionResult result)
    {
        if (result.Errors is not { } errors || errors.Count <= _limits.MaxErrors) return result;
        var kept = new ExecutionErrors();
        for (var i = 0; i < _limits.MaxErrors - 1; i++) kept.Add(errors[i]);
        kept.Add(new DomainError(new DomainException(ErrorCode.QueryTooComplex,
            $"{errors.Count - kept.Count} more errors are not shown (Tiktok:GraphQL:MaxErrors is {_limits.MaxErrors})")));
        result.Errors = kept;
        return result;
    }

    public void Dispose() => _valid.Dispose();
}
