using Tiktok.Core.Videos;
using Tiktok.Schema.Filtering;

namespace Tiktok.Schema.Videos;

public sealed class VideoSortInputGraphType() : SortInputGraphType<VideoField>("VideoSortInput", VideoListFields.All);
