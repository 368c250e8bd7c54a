namespace Tiktok.RestCompat.OpenApi;

/// <summary>One parameter of a <c>/douyin</c> endpoint, read from the query string or the form body.</summary>
/// <param name="Allowed">For <see cref="ParameterKind.ActionType"/>: the values the endpoint takes.</param>
public sealed record ParameterDoc(string Name, ParameterKind Kind, bool Required, string Description, int[]? Allowed = null);
