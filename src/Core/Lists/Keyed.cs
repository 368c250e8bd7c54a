namespace Tiktok.Core.Lists;

/// <summary>A row of a page and its sort key values (the id last): what its cursor encodes.</summary>
public sealed record Keyed<T>(T Item, long[] Keys);
