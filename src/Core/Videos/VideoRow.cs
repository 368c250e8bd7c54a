using System.Linq.Expressions;
using Tiktok.Core.Data;

namespace Tiktok.Core.Videos;

/// <summary>The columns of a video that a projected list read: those not asked for stay default.</summary>
public sealed class VideoRow
{
    public long Id { get; init; }
    public long CreatedAt { get; init; }
    public long AuthorId { get; init; }
    public string Title { get; init; } = "";
    public string PlayKey { get; init; } = "";
    public string CoverKey { get; init; } = "";
    public long LikeCount { get; init; }
    public long CommentCount { get; init; }

    /// <summary>A SELECT of only the columns <paramref name="parts"/> needs, from the video that <paramref name="video"/> reaches.</summary>
    public static Expression<Func<TRow, VideoRow>> Projection<TRow>(Expression<Func<TRow, Video>> video, VideoParts parts)
    {
        var v = video.Body;
        var bindings = new List<MemberBinding>
        {
            Bind(nameof(Id), v, nameof(Video.Id)),
            Bind(nameof(CreatedAt), v, nameof(Video.CreatedAt)),
        };
        if (parts.HasFlag(VideoParts.Author)) bindings.Add(Bind(nameof(AuthorId), v, nameof(Video.AuthorId)));
        if (parts.HasFlag(VideoParts.Title)) bindings.Add(Bind(nameof(Title), v, nameof(Video.Title)));
        if (parts.HasFlag(VideoParts.Media))
        {
            bindings.Add(Bind(nameof(PlayKey), v, nameof(Video.PlayKey)));
            bindings.Add(Bind(nameof(CoverKey), v, nameof(Video.CoverKey)));
        }
        if (parts.HasFlag(VideoParts.Counts))
        {
            bindings.Add(Bind(nameof(LikeCount), v, nameof(Video.LikeCount)));
            bindings.Add(Bind(nameof(CommentCount), v, nameof(Video.CommentCount)));
        }
        return Expression.Lambda<Func<TRow, VideoRow>>(Expression.MemberInit(Expression.New(typeof(VideoRow)), bindings), video.Parameters);
    }

    private static MemberAssignment Bind(string rowMember, Expression video, string videoMember) =>
        Expression.Bind(typeof(VideoRow).GetProperty(rowMember)!, Expression.Property(video, videoMember));
}
