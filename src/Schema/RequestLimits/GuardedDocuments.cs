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
/// repeated document skips parsing and validation (the complexity rule still runs when its result
/// can depend on the request: variables, or a choice of operations). Answers carry at most
/// <see cref="GraphQLOptions.MaxErrors"/> errors.
/// </summary>
public sealed class GuardedDocuments : IConfigureExecution, IDisposable
{
    private readonly GraphQLOptions _limits;
    private readonly QueryTextCache<ValidDocument> _valid;

    /// <summary>A document that passed validation, and whether its cost was fixed by its text alone.</summary>
    private sealed record ValidDocument(GraphQLDocument Document, bool FixedCost);

    public GuardedDocuments(IOptions<GraphQLOptions> limits)
    {
        _limits = limits.Value;
        _valid = new QueryTextCache<ValidDocument>(_limits);
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
            options.Document = known!.Document;
            // Validated when it was stored; what depends on the request still runs: the complexity
            // rule when list sizes may come from variables or the operation is chosen by name
            // (GraphQL.NET leaves it out for cached documents). One operation without variables
            // costs what it cost when it was stored: nothing to re-run.
            var rules = options.CachedDocumentValidationRules ?? [];
            if (!known.FixedCost)
                rules = rules.Append(options.RequestServices!.GetRequiredService<ComplexityValidationRule>());
            options.ValidationRules = rules;
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
        if (result.Executed) _valid.Set(options.Query, new ValidDocument(document, FixedCost(document)), options.Query);
        return Bounded(result);
    }

    /// <summary>One operation, no variables anywhere: its complexity cannot change from one request to the next.</summary>
    private static bool FixedCost(GraphQLDocument document)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return operations.Count == 1 && operations[0].Variables is not { Items.Count: > 0 };
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
