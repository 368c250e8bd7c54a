namespace Tiktok.Tests.ApiDescription;

/// <summary>One request of an .http file, as written: <c>{{variables}}</c> not yet replaced.</summary>
/// <param name="Body">Lines; a line <c>&lt; path</c> stands for that file's bytes (relative to the .http file).</param>
public sealed record HttpFileRequest(string? Name, string Title, int Line, string Method, string Url,
    IReadOnlyList<(string Name, string Value)> Headers, IReadOnlyList<string> Body);
