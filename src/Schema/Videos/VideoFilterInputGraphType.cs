using Tiktok.Core.Videos;
using Tiktok.Schema.Filtering;

namespace Tiktok.Schema.Videos;

public sealed class VideoFilterInputGraphType() : FilterInputGraphType<VideoField>("VideoFilterInput", VideoListFields.All);
