using System.Buffers.Binary;
using System.Text;

namespace Tiktok.Core.Media;

/// <summary>
/// Walks an MP4/QuickTime box tree: top-level boxes that tile the file exactly (32- and 64-bit sizes,
/// size 0 = to the end), <c>ftyp</c> first (or QuickTime's <c>moov</c>/<c>mdat</c>/<c>wide</c>/<c>free</c>/<c>skip</c>),
/// one <c>moov</c> with a <c>trak</c> whose <c>mdia/hdlr</c> handler is <c>vide</c>, and a non-empty <c>mdat</c>.
/// </summary>
internal static class Mp4Structure
{
    private static readonly string[] QuickTimeFirstBoxes = ["moov", "mdat", "wide", "free", "skip"];

    /// <summary>What is wrong with the file, in the uploader's words; null when its structure holds.</summary>
    public static async Task<string?> ProblemAsync(ContainerReader file, CancellationToken ct)
    {
        long offset = 0;
        var first = true;
        var movies = 0;
        var hasVideoTrack = false;
        var hasMediaData = false;
        var fragments = 0;
        while (offset < file.Length)
        {
            if (!file.Spend()) return TooManyBoxes(file);
            var (box, problem) = await ReadBoxAsync(file, offset, file.Length, "the file", ct);
            if (problem is not null) return problem;
            if (first)
            {
                if (box.Type != "ftyp" && !QuickTimeFirstBoxes.Contains(box.Type))
                    return $"it does not start with an 'ftyp' box but with {Name(box.Type)}";
                if (box.Type == "ftyp" && box.End - box.PayloadStart < 8)
                    return "its 'ftyp' box is too short to name a brand";
                first = false;
            }
            switch (box.Type)
            {
                case "moov":
                    if (++movies > 1) return "it has more than one 'moov' box";
                    var (video, trackProblem) = await HasVideoTrackAsync(file, box, ct);
                    if (trackProblem is not null) return trackProblem;
                    hasVideoTrack = video;
                    break;
                case "mdat":
                    if (box.End > box.PayloadStart) hasMediaData = true;
                    break;
                case "moof":
                    fragments++;
                    break;
            }
            offset = box.End;
        }
        if (movies == 0) return "it has no 'moov' box (the description of its tracks)";
        if (!hasVideoTrack) return "it has no video track";
        if (!hasMediaData)
            return fragments > 0 ? "its fragments ('moof') carry no media data ('mdat')" : "it holds no media data (no 'mdat' box, or an empty one)";
        return null;
    }

    /// <summary>True when a <c>trak</c> of <paramref name="moov"/> has the handler <c>vide</c>; or what is malformed.</summary>
    private static async Task<(bool Video, string? Problem)> HasVideoTrackAsync(ContainerReader file, Mp4Box moov, CancellationToken ct)
    {
        var video = false;
        var (tracks, problem) = await ChildrenAsync(file, moov, "trak", ct);
        if (problem is not null) return (false, problem);
        foreach (var trak in tracks)
        {
            var (medias, mediaProblem) = await ChildrenAsync(file, trak, "mdia", ct);
            if (mediaProblem is not null) return (false, mediaProblem);
            foreach (var mdia in medias)
            {
                var (handlers, handlerProblem) = await ChildrenAsync(file, mdia, "hdlr", ct);
                if (handlerProblem is not null) return (false, handlerProblem);
                foreach (var hdlr in handlers)
                {
                    // version/flags (4), pre_defined or QuickTime's component type (4), handler type (4).
                    if (hdlr.End - hdlr.PayloadStart < 12) return (false, "a track's 'hdlr' box is too short to name its handler");
                    var bytes = await file.ReadAsync(hdlr.PayloadStart + 8, 4, ct);
                    if (bytes.Length == 4 && bytes.Span.SequenceEqual("vide"u8)) video = true;
                }
            }
        }
        return (video, null);
    }

    /// <summary>The children of <paramref name="parent"/> of one type, after checking that all its children fit in it.</summary>
    private static async Task<(List<Mp4Box> Boxes, string? Problem)> ChildrenAsync(ContainerReader file, Mp4Box parent, string type,
        CancellationToken ct)
    {
        var found = new List<Mp4Box>();
        var offset = parent.PayloadStart;
        // Fewer than 8 bytes left cannot hold a box: QuickTime allows a 4-byte zero terminator there.
        while (parent.End - offset >= 8)
        {
            if (!file.Spend()) return (found, TooManyBoxes(file));
            var (box, problem) = await ReadBoxAsync(file, offset, parent.End, $"its '{parent.Type}' box", ct);
            if (problem is not null) return (found, problem);
            if (box.Type == type) found.Add(box);
            offset = box.End;
        }
        return (found, null);
    }

    /// <summary>The box header at <paramref name="offset"/>, which must end by <paramref name="end"/> (the file's or its parent's end).</summary>
    private static async Task<(Mp4Box Box, string? Problem)> ReadBoxAsync(ContainerReader file, long offset, long end, string within,
        CancellationToken ct)
    {
        var header = await file.ReadAsync(offset, 16, ct);
        if (end - offset < 8 || header.Length < 8)
            return (default, $"it ends in the middle of a box header (byte {offset} of {file.Length})");
        var size = (long)BinaryPrimitives.ReadUInt32BigEndian(header.Span);
        var type = Encoding.Latin1.GetString(header.Span.Slice(4, 4));
        var headerSize = 8;
        if (size == 1)
        {
            if (end - offset < 16 || header.Length < 16)
                return (default, $"it ends in the middle of the header of {Name(type)} (byte {offset} of {file.Length})");
            var large = BinaryPrimitives.ReadUInt64BigEndian(header.Span.Slice(8, 8));
            if (large > long.MaxValue) return (default, $"{Name(type)} at byte {offset} has an impossible size");
            size = (long)large;
            headerSize = 16;
        }
        else if (size == 0)
        {
            size = end - offset; // to the end of the file (or of its parent)
        }
        if (size < headerSize) return (default, $"{Name(type)} at byte {offset} has an impossible size ({size} bytes)");
        if (size > end - offset)
        {
            return end == file.Length
                ? (default, $"it is cut short: {Name(type)} at byte {offset} needs {size} bytes, only {end - offset} are left in the file")
                : (default, $"{Name(type)} at byte {offset} runs past the end of {within}");
        }
        return (new Mp4Box(type, offset + headerSize, offset + size), null);
    }

    private static string TooManyBoxes(ContainerReader file) => $"it has too many boxes to check (more than {file.MaxElements})";

    /// <summary>A box type as the message shows it: 'moov', or its bytes in hex when not printable.</summary>
    private static string Name(string type) =>
        type.All(c => c is >= ' ' and <= '~') ? $"a '{type}' box" : $"a box of type 0x{Convert.ToHexString(Encoding.Latin1.GetBytes(type))}";

    private readonly record struct Mp4Box(string Type, long PayloadStart, long End);
}
