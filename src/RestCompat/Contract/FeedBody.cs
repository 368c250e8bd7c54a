using System.Buffers;
using Microsoft.AspNetCore.Http;
using Tiktok.Core.Videos;

namespace Tiktok.RestCompat.Contract;

/// <summary>
/// The newest feed page's answer in pieces (built by <see cref="FeedBodies"/>): the bytes before
/// the video list, each video's JSON in its four (is_favorite, author's is_follow) variants, the
/// bytes after it. Put together with a viewer's flags, they are the serializer's answer for that viewer.
/// </summary>
public sealed class FeedBody(long version, string requestBase, long[] ids, byte[] prefix, byte[][] variants, byte[] suffix)
{
    private static readonly byte[] Comma = [(byte)','];

    public long Version { get; } = version;
    public string RequestBase { get; } = requestBase;
    public long BuiltAt { get; } = Environment.TickCount64;

    /// <summary>Whether this body answers <paramref name="page"/>: the same videos in the same order.</summary>
    public bool Holds(FeedPage page)
    {
        if (ids.Length != page.Videos.Count) return false;
        for (var i = 0; i < ids.Length; i++)
            if (ids[i] != page.Videos[i].Id) return false;
        return true;
    }

    /// <summary>Writes the answer with the flags set on <paramref name="page"/>'s videos (which <see cref="Holds"/>).</summary>
    public async Task WriteAsync(HttpContext http, FeedPage page, CancellationToken ct)
    {
        var length = prefix.Length + suffix.Length + page.Videos.Count - 1;
        for (var i = 0; i < page.Videos.Count; i++) length += variants[Variant(i, page)].Length;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = length;
        var writer = http.Response.BodyWriter;
        writer.Write(prefix);
        for (var i = 0; i < page.Videos.Count; i++)
        {
            if (i > 0) writer.Write(Comma);
            writer.Write(variants[Variant(i, page)]);
        }
        writer.Write(suffix);
        await writer.FlushAsync(ct);
    }

    /// <summary>Index of video <paramref name="i"/>'s variant: 4 per video, liked ×2 + author followed.</summary>
    private static int Variant(int i, FeedPage page)
    {
        var v = page.Videos[i];
        return i * 4 + (v.IsLiked ? 2 : 0) + (v.Author.IsFollow ? 1 : 0);
    }
}
