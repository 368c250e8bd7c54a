using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tiktok.Tests.ApiDescription;

/// <summary>
/// An .http file in the format VS Code's REST Client and Visual Studio share: requests separated
/// by <c>###</c>, <c># @name</c>, file variables (<c>@name = value</c>, in a block of their own),
/// <c>{{name}}</c> and <c>{{request.response.body.$.path}}</c>, a body after a blank line, with
/// <c>&lt; path</c> for a file's bytes. Sends its requests in order, as those editors would one by one.
/// </summary>
public sealed partial class HttpFile
{
    private readonly string _directory;
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (HttpResponseMessage Response, JsonElement? Body)> _answers = new(StringComparer.Ordinal);

    public IReadOnlyList<HttpFileRequest> Requests { get; }

    public HttpFile(string path)
    {
        _directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var requests = new List<HttpFileRequest>();
        var lines = File.ReadAllText(path).ReplaceLineEndings("\n").Split('\n');
        var blockStart = 0;
        for (var i = 0; i <= lines.Length; i++)
        {
            if (i < lines.Length && !lines[i].StartsWith("###", StringComparison.Ordinal)) continue;
            if (Parse(lines, blockStart, i) is { } request) requests.Add(request);
            blockStart = i;
        }
        Requests = requests;
    }

    /// <summary>A file variable set from outside (the server's address for <c>@host</c>), winning over the file's.</summary>
    public Dictionary<string, string> Overrides { get; } = new(StringComparer.Ordinal);

    private HttpFileRequest? Parse(string[] lines, int start, int end)
    {
        var title = start < lines.Length && lines[start].StartsWith("###", StringComparison.Ordinal) ? lines[start][3..].Trim() : "";
        var i = lines.Length > start && lines[start].StartsWith("###", StringComparison.Ordinal) ? start + 1 : start;
        string? name = null;
        for (; i < end; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            if (NameComment().Match(line) is { Success: true } n) { name = n.Groups[1].Value; continue; }
            if (line.StartsWith('#') || line.StartsWith("//", StringComparison.Ordinal)) continue;
            if (Variable().Match(line) is { Success: true } v) { _variables[v.Groups[1].Value] = v.Groups[2].Value.Trim(); continue; }
            break;
        }
        if (i >= end) return null;
        var requestLine = RequestLine().Match(lines[i].Trim());
        if (!requestLine.Success) throw new FormatException($"line {i + 1}: not a request line: {lines[i]}");
        var headers = new List<(string, string)>();
        for (i++; i < end && lines[i].Trim().Length > 0; i++)
        {
            var colon = lines[i].IndexOf(':');
            if (colon <= 0) throw new FormatException($"line {i + 1}: not a header: {lines[i]}");
            headers.Add((lines[i][..colon].Trim(), lines[i][(colon + 1)..].Trim()));
        }
        var body = lines[Math.Min(i + 1, end)..end].ToList();
        while (body.Count > 0 && body[^1].Trim().Length == 0) body.RemoveAt(body.Count - 1);
        return new HttpFileRequest(name, title, start + 1, requestLine.Groups[1].Value, requestLine.Groups[2].Value, headers, body);
    }

    /// <summary>Sends <paramref name="request"/> with its variables replaced, and keeps the answer for later references to its name.</summary>
    public async Task<(HttpResponseMessage Response, string Text)> SendAsync(HttpClient http, HttpFileRequest request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), Expand(request.Url));
        var headers = request.Headers.Select(h => (h.Name, Value: Expand(h.Value))).ToList();
        var contentType = headers.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        if (request.Body.Count > 0)
        {
            var multipart = contentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true;
            using var bytes = new MemoryStream();
            for (var i = 0; i < request.Body.Count; i++)
            {
                var line = request.Body[i];
                if (line.StartsWith("< ", StringComparison.Ordinal))
                    bytes.Write(await File.ReadAllBytesAsync(Path.Combine(_directory, line[2..].Trim())));
                else bytes.Write(Encoding.UTF8.GetBytes(Expand(line)));
                if (i < request.Body.Count - 1 || multipart) bytes.Write(multipart ? "\r\n"u8 : "\n"u8);
            }
            message.Content = new ByteArrayContent(bytes.ToArray());
        }
        foreach (var (name, value) in headers)
        {
            if (message.Content is not null && name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                message.Content.Headers.Remove(name);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else message.Headers.TryAddWithoutValidation(name, value);
        }
        var response = await http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement? json = null;
        try { json = JsonDocument.Parse(text).RootElement.Clone(); } catch (JsonException) { }
        if (request.Name is not null) _answers[request.Name] = (response, json);
        return (response, text);
    }

    private string Expand(string text, int depth = 0) =>
        depth > 10 ? throw new FormatException($"variables refer to each other in a loop: {text}")
        : Reference().Replace(text, m => Resolve(m.Groups[1].Value.Trim(), depth));

    private string Resolve(string reference, int depth)
    {
        if (Overrides.TryGetValue(reference, out var given)) return given;
        if (_variables.TryGetValue(reference, out var raw)) return Expand(raw, depth + 1);
        var parts = reference.Split('.', 4);
        if (parts.Length >= 3 && parts[1] == "response" && _answers.TryGetValue(parts[0], out var answer))
        {
            if (parts[2] == "headers" && parts.Length == 4)
                return answer.Response.Headers.TryGetValues(parts[3], out var values) || answer.Response.Content.Headers.TryGetValues(parts[3], out values)
                    ? string.Join(",", values) : throw new FormatException($"{reference}: no such header");
            if (parts[2] == "body" && parts.Length == 4 && answer.Body is { } body) return JsonPath(body, parts[3], reference);
        }
        throw new FormatException($"{{{{{reference}}}}} names no variable, or a request not sent yet");
    }

    /// <summary>The subset of JSONPath the files use: <c>$.a.b[0].c</c>.</summary>
    private static string JsonPath(JsonElement body, string path, string reference)
    {
        if (!path.StartsWith('$')) throw new FormatException($"{reference}: only JSONPath ($...) is supported");
        var value = body;
        foreach (Match step in PathStep().Matches(path[1..]))
        {
            if (step.Groups[1].Success)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(step.Groups[1].Value, out value))
                    throw new FormatException($"{reference}: no '{step.Groups[1].Value}' in {body}");
            }
            else
            {
                var index = int.Parse(step.Groups[2].Value);
                if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() <= index)
                    throw new FormatException($"{reference}: no item {index} in {body}");
                value = value[index];
            }
        }
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    [GeneratedRegex(@"^(?:#|//)\s*@name\s+(\S+)\s*$")]
    private static partial Regex NameComment();

    [GeneratedRegex(@"^@([A-Za-z_][\w-]*)\s*=(.*)$")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S+)(?:\s+HTTP/[\d.]+)?$")]
    private static partial Regex RequestLine();

    [GeneratedRegex(@"\{\{([^}]+)\}\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\.([^.\[]+)|\[(\d+)\]")]
    private static partial Regex PathStep();
}
