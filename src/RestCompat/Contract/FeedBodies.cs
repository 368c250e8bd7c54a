using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tiktok.Core.Videos;

namespace Tiktok.RestCompat.Contract;

/// <summary>
/// The newest feed page's answer as a <see cref="FeedBody"/> shared by every viewer: built once per
/// feed version and request base, so an answer is the shared bytes with only the viewer's flags
/// chosen, no mapping or serialization per request. The bytes are the serializer's own: a body is
/// kept only if its pieces put together with every flag off equal the serialized answer exactly.
/// </summary>
public sealed class FeedBodies(ShapeMapper shapes)
{
    /// <summary>
    /// Longest a body is served: bounds how long before its use a presigned media URL in it was
    /// signed (the page's own staleness is bounded by its feed version, checked on every use).
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private static readonly byte[] Comma = [(byte)','];

    private FeedBody? _body;

    /// <summary>
    /// The body for <paramref name="page"/>, the newest page read at feed version
    /// <paramref name="version"/> (read before the page); null when there is none to share (an
    /// empty page, an unknown version).
    /// </summary>
    public FeedBody? For(HttpContext http, long version, FeedPage page)
    {
        if (page.Videos.Count == 0 || version == FeedCache.Unknown) return null;
        var requestBase = ShapeMapper.RequestBase(http);
        var body = Volatile.Read(ref _body);
        if (body is not null && body.Version == version && body.RequestBase == requestBase && body.Holds(page)
            && Environment.TickCount64 - body.BuiltAt <= (long)MaxAge.TotalMilliseconds)
            return body;
        body = Build(version, requestBase, page);
        // A page read at a later version than the one it is stored under is never served again
        // (versions only move forward), so storing it is harmless.
        if (body is not null) Volatile.Write(ref _body, body);
        return body;
    }

    private FeedBody? Build(long version, string requestBase, FeedPage page)
    {
        var plain = page.Videos.Select(v => shapes.Video(v with { IsLiked = false, Author = v.Author with { IsFollow = false } }, requestBase)).ToList();
        var whole = JsonSerializer.SerializeToUtf8Bytes(
            new FeedResponse { StatusCode = 0, StatusMsg = "success", VideoList = plain, NextTime = page.NextTime },
            RestJson.Default.FeedResponse);
        var variants = new byte[plain.Count * 4][];
        for (var i = 0; i < plain.Count; i++)
        {
            var shape = plain[i];
            for (var variant = 0; variant < 4; variant++)
            {
                shape.IsFavorite = (variant & 2) != 0;
                shape.Author.IsFollow = (variant & 1) != 0;
                variants[i * 4 + variant] = JsonSerializer.SerializeToUtf8Bytes(shape, RestJson.Default.VideoShape);
            }
        }

        // The list as the serializer writes it, every flag off: it must be found whole in the answer.
        var list = new ArrayBufferWriter<byte>(whole.Length);
        for (var i = 0; i < plain.Count; i++)
        {
            if (i > 0) list.Write(Comma);
            list.Write(variants[i * 4]);
        }
        var at = whole.AsSpan().IndexOf(list.WrittenSpan);
        if (at < 0) return null;
        return new FeedBody(version, requestBase, page.Videos.Select(v => v.Id).ToArray(),
            whole[..at], variants, whole[(at + list.WrittenCount)..]);
    }
}
