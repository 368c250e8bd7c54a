using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.OpenApi;
using Tiktok.Core.Errors;
using Tiktok.RestCompat.Contract;

namespace Tiktok.RestCompat.OpenApi;

/// <summary>
/// The answers' schemas, built from the serializer that writes them (<see cref="RestJson"/>'s
/// metadata: the same names, order and types), as components of the document. Every field is
/// always written, so every field is required.
/// </summary>
internal static class ContractSchemas
{
    public const string StatusCodeSchema = "StatusCode";

    /// <summary>A reference to <paramref name="type"/>'s component, added to the document with the components it uses.</summary>
    public static IOpenApiSchema Reference(OpenApiDocument document, Type type)
    {
        var schemas = Components(document);
        var name = NameOf(type);
        if (!schemas.ContainsKey(name))
        {
            schemas[name] = new OpenApiSchema(); // taken, so a type that contains itself ends
            schemas[name] = Build(document, type, name);
        }
        return new OpenApiSchemaReference(name, document);
    }

    /// <summary>A component's name: the contract's class without its "Shape" suffix (User, Video...), API.md's object names.</summary>
    public static string NameOf(Type type) => type.Name.EndsWith("Shape", StringComparison.Ordinal) ? type.Name[..^5] : type.Name;

    private static IDictionary<string, IOpenApiSchema> Components(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        return document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
    }

    private static OpenApiSchema Build(OpenApiDocument document, Type type, string name)
    {
        var info = RestJson.Default.GetTypeInfo(type)
            ?? throw new InvalidOperationException($"{type.Name} is not in RestJson's serializer context");
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
            Required = new HashSet<string>(StringComparer.Ordinal),
        };
        foreach (var property in info.Properties.OrderBy(p => p.Order))
        {
            var field = property.Name == "status_code" && type.IsAssignableTo(typeof(StatusResponse))
                ? new OpenApiSchemaReference(StatusCodeSchemaFor(document), document)
                : Field(document, property);
            var description = FieldDescriptions.For(name, property.Name);
            if (field is OpenApiSchema inline) inline.Description = description;
            else if (field is OpenApiSchemaReference reference) reference.Description = description;
            schema.Properties[property.Name] = field;
            schema.Required.Add(property.Name);
        }
        return schema;
    }

    private static IOpenApiSchema Field(OpenApiDocument document, JsonPropertyInfo property)
    {
        var type = property.PropertyType;
        if (type == typeof(long)) return new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" };
        if (type == typeof(int)) return new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" };
        if (type == typeof(bool)) return new OpenApiSchema { Type = JsonSchemaType.Boolean };
        if (type == typeof(string)) return new OpenApiSchema { Type = JsonSchemaType.String };
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            return new OpenApiSchema { Type = JsonSchemaType.Array, Items = Reference(document, type.GetGenericArguments()[0]) };
        if (type.IsClass) return Reference(document, type);
        throw new InvalidOperationException($"no schema for {type.Name} ({property.Name})");
    }

    /// <summary>The <c>status_code</c> schema: every code of the catalogue, with its name and meaning.</summary>
    private static string StatusCodeSchemaFor(OpenApiDocument document)
    {
        var schemas = Components(document);
        if (schemas.ContainsKey(StatusCodeSchema)) return StatusCodeSchema;
        var codes = Enum.GetValues<ErrorCode>();
        var names = new JsonArray();
        foreach (var code in codes) names.Add(code.ToString());
        schemas[StatusCodeSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = "int32",
            Description = "0 on success; otherwise a code of the one catalogue (docs/errors.md, `src/Core/Errors/ErrorCode.cs`): " +
                          "1xxx malformed request, 2xxx identity, 3xxx not found, 4xxx not allowed, 5xxx uploads, 6xxx limits, 9xxx our side. " +
                          "Each operation lists the codes it can answer in `x-status-codes`.\n\n" +
                          string.Join("\n", codes.Select(c => $"- `{(int)c}` {c}")),
            Enum = codes.Select(c => (JsonNode)JsonValue.Create((int)c)).ToList(),
            Extensions = new Dictionary<string, IOpenApiExtension>
            {
                ["x-enum-varnames"] = new JsonNodeExtension(names),
            },
        };
        return StatusCodeSchema;
    }
}
