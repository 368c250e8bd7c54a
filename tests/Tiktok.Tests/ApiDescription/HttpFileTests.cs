using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tiktok.Tests.ApiDescription;

/// <summary>
/// The repository's http/*.http files, for trying the API from an editor, run top to bottom
/// against a fresh server: each request gets the answer the file promises.
/// </summary>
public sealed class HttpFileTests(ITestOutputHelper output) : IDisposable
{
    private readonly TiktokFactory _f = new();

    public void Dispose() => _f.DeleteData();

    private static string FileOf(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "http", name))) return Path.Combine(dir.FullName, "http", name);
        throw new FileNotFoundException($"http/{name} not found above {AppContext.BaseDirectory}");
    }

    private async Task<List<(HttpFileRequest Request, JsonElement Answer)>> RunAsync(string name)
    {
        var file = new HttpFile(FileOf(name));
        var http = _f.CreateClient();
        file.Overrides["host"] = http.BaseAddress!.ToString().TrimEnd('/');
        var answers = new List<(HttpFileRequest, JsonElement)>();
        foreach (var request in file.Requests)
        {
            var (response, text) = await file.SendAsync(http, request);
            output.WriteLine($"{name}:{request.Line} {request.Method} {request.Url} -> {(int)response.StatusCode} {text[..Math.Min(text.Length, 200)]}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}:{request.Line} ({request.Title}): HTTP {(int)response.StatusCode} {text}");
            answers.Add((request, JsonDocument.Parse(text).RootElement.Clone()));
        }
        return answers;
    }

    [Fact]
    public async Task Every_request_of_rest_http_answers_status_code_0_and_every_endpoint_is_tried()
    {
        var answers = await RunAsync("rest.http");
        foreach (var (request, answer) in answers)
            Assert.True(answer.GetProperty("status_code").GetInt32() == 0, $"rest.http:{request.Line} ({request.Title}): {answer}");

        var tried = answers.Select(a => $"{a.Request.Method} {new Uri("http://h" + a.Request.Url.Replace("{{host}}", "")).AbsolutePath}").ToHashSet();
        var mapped = _f.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not null && e.RoutePattern.RawText!.StartsWith("/douyin/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"));
        Assert.Empty(mapped.Except(tried));
    }

    [Fact]
    public async Task Every_request_of_graphql_http_answers_data_without_errors()
    {
        var answers = await RunAsync("graphql.http");
        Assert.True(answers.Count >= 8);
        foreach (var (request, answer) in answers)
        {
            Assert.False(answer.TryGetProperty("errors", out _), $"graphql.http:{request.Line} ({request.Title}): {answer}");
            Assert.Equal(JsonValueKind.Object, answer.GetProperty("data").ValueKind);
        }
    }
}
