using System.Text.Json;

namespace Tiktok.Tests.ApiDescription;

/// <summary>
/// Checks a JSON value against an OpenAPI 3.1 schema of the subset the document uses ($ref to
/// components, type, format int32/int64, enum, properties, required, items), strictly: a field
/// the schema does not name is a problem too. Records which components a value matched.
/// </summary>
public sealed class SchemaCheck(JsonElement document)
{
    public HashSet<string> ComponentsSeen { get; } = [];

    public IReadOnlyList<string> Problems(JsonElement schema, JsonElement value, string where)
    {
        var problems = new List<string>();
        Check(schema, value, where, problems);
        return problems;
    }

    private void Check(JsonElement schema, JsonElement value, string at, List<string> problems)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!;
            const string prefix = "#/components/schemas/";
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) { problems.Add($"{at}: unsupported $ref {name}"); return; }
            if (!document.GetProperty("components").GetProperty("schemas").TryGetProperty(name[prefix.Length..], out var target))
            { problems.Add($"{at}: $ref {name} names no component"); return; }
            ComponentsSeen.Add(name[prefix.Length..]);
            Check(target, value, at, problems);
            return;
        }
        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
            problems.Add($"{at}: {value.GetRawText()} is not one of {allowed.GetRawText()}");
        if (!schema.TryGetProperty("type", out var type)) return;
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        switch (type.GetString())
        {
            case "string":
                if (value.ValueKind != JsonValueKind.String) problems.Add($"{at}: {value.ValueKind}, the schema says string");
                break;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) problems.Add($"{at}: {value.ValueKind}, the schema says boolean");
                break;
            case "integer":
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _)) problems.Add($"{at}: {value.GetRawText()}, the schema says integer");
                else if (format == "int32" && !value.TryGetInt32(out _)) problems.Add($"{at}: {value.GetRawText()} is not an int32");
                break;
            case "array":
                if (value.ValueKind != JsonValueKind.Array) { problems.Add($"{at}: {value.ValueKind}, the schema says array"); break; }
                var i = 0;
                foreach (var item in value.EnumerateArray()) Check(schema.GetProperty("items"), item, $"{at}[{i++}]", problems);
                break;
            case "object":
                if (value.ValueKind != JsonValueKind.Object) { problems.Add($"{at}: {value.ValueKind}, the schema says object"); break; }
                var properties = schema.TryGetProperty("properties", out var p) ? p : default;
                if (schema.TryGetProperty("required", out var required))
                    foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                        if (!value.TryGetProperty(name, out _)) problems.Add($"{at}.{name}: required by the schema, missing from the answer");
                foreach (var field in value.EnumerateObject())
                {
                    if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(field.Name, out var fieldSchema))
                        problems.Add($"{at}.{field.Name}: in the answer, not in the schema");
                    else Check(fieldSchema, field.Value, $"{at}.{field.Name}", problems);
                }
                break;
            default:
                problems.Add($"{at}: unsupported schema type {type.GetRawText()}");
                break;
        }
    }
}
