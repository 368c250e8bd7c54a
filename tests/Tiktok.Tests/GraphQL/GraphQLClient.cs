using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tiktok.Tests.GraphQL;

/// <summary>Posts GraphQL requests the way a web client does.</summary>
public static class GraphQLClient
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> GraphQLAsync(this HttpClient http, string query,
        object? variables = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json"); // as graphql-http clients do
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>The data of a request that must succeed without errors.</summary>
    public static async Task<JsonElement> DataAsync(this HttpClient http, string query, object? variables = null, string? token = null)
    {
        var (status, body) = await http.GraphQLAsync(query, variables, token);
        Assert.True(!body.TryGetProperty("errors", out var errors), $"GraphQL errors: {errors}");
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("data");
    }

    /// <summary>The extensions.code of the first error.</summary>
    public static string ErrorCode(this JsonElement body) =>
        body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()!;
}
