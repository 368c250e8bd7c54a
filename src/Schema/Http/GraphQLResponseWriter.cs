using System.Buffers;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using Microsoft.AspNetCore.Http;

namespace Tiktok.Schema.Http;

/// <summary>
/// Writes an answer with data and no errors straight from GraphQL.NET's execution tree into the
/// response pipe, the same bytes as its serializer (<see cref="Fallback"/> writes anything else).
/// </summary>
public static class GraphQLResponseWriter
{
    private static readonly JsonSerializerOptions ScalarOptions = new() { Converters = { new JsonConverterBigInteger() } };

    /// <summary>Whether the fast path takes this result: executed, data from the tree, nothing else to write.</summary>
    public static bool Takes(ExecutionResult result) =>
        result.Executed && result.Data is ExecutionNode && result.Errors is not { Count: > 0 } && result.Extensions is not { Count: > 0 };

    public static async Task WriteAsync(HttpResponse response, ExecutionResult result, IGraphQLTextSerializer serializer, CancellationToken ct)
    {
        if (!Takes(result))
        {
            await Fallback(response, result, serializer, ct);
            return;
        }
        var body = response.BodyWriter;
        Write(body, result);
        await body.FlushAsync(ct);
    }

    /// <summary>Writes a result that <see cref="Takes"/> into <paramref name="body"/>.</summary>
    public static void Write(IBufferWriter<byte> body, ExecutionResult result)
    {
        using var json = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true });
        json.WriteStartObject();
        json.WritePropertyName("data");
        WriteNode(json, (ExecutionNode)result.Data!);
        json.WriteEndObject();
    }

    /// <summary>GraphQL.NET's own serializer, for errors, extensions and results without an execution tree.</summary>
    public static Task Fallback(HttpResponse response, ExecutionResult result, IGraphQLTextSerializer serializer, CancellationToken ct) =>
        serializer.WriteAsync(response.Body, result, ct);

    /// <summary>Writes one node of the tree (exposed for tests comparing the two paths).</summary>
    public static void WriteNode(Utf8JsonWriter json, ExecutionNode? node)
    {
        switch (node)
        {
            case null or NullExecutionNode:
                json.WriteNullValue();
                break;
            case ValueExecutionNode value:
                WriteScalar(json, value.ToValue());
                break;
            case ObjectExecutionNode obj when obj.SubFields is { } fields:
                json.WriteStartObject();
                foreach (var field in fields)
                {
                    json.WritePropertyName(field.Name!);
                    WriteNode(json, field);
                }
                json.WriteEndObject();
                break;
            case ObjectExecutionNode:
                json.WriteNullValue();
                break;
            case ArrayExecutionNode { Items: { } items }:
                json.WriteStartArray();
                foreach (var item in items) WriteNode(json, item);
                json.WriteEndArray();
                break;
            default:
                // Lists of scalars serialized in one piece, and anything else: as GraphQL.NET does.
                JsonSerializer.Serialize(json, node.ToValue(), ScalarOptions);
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case long l: json.WriteNumberValue(l); break;
            case int i: json.WriteNumberValue(i); break;
            case bool b: json.WriteBooleanValue(b); break;
            case double d: json.WriteNumberValue(d); break;
            default: JsonSerializer.Serialize(json, value, value.GetType(), ScalarOptions); break;
        }
    }
}
