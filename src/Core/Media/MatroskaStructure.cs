using System.Text;

namespace Tiktok.Core.Media;

/// <summary>
/// Walks a WebM/Matroska file's EBML elements: the EBML header and its DocType, a Segment (known size, or
/// unknown as live recordings write it), a Tracks element with a video track (TrackType 1), and a
/// Cluster holding a SimpleBlock or BlockGroup; every element must fit in its parent and the file.
/// </summary>
internal static class MatroskaStructure
{
    private const uint EbmlHeader = 0x1A45DFA3;
    private const uint DocType = 0x4282;
    private const uint Segment = 0x18538067;
    private const uint Tracks = 0x1654AE6B;
    private const uint TrackEntry = 0xAE;
    private const uint TrackType = 0x83;
    private const uint Cluster = 0x1F43B675;
    private const uint SimpleBlock = 0xA3;
    private const uint BlockGroup = 0xA0;
    private const uint Void = 0xEC;
    private const uint Crc32 = 0xBF;
    private const ulong VideoTrack = 1;

    /// <summary>The Segment's children other than Cluster: one of them (or a Cluster) ends a Cluster of unknown size.</summary>
    private static readonly uint[] SegmentLevel = [0x114D9B74, 0x1549A966, Tracks, Cluster, 0x1C53BB6B, 0x1941A469, 0x1043A770, 0x1254C367];

    /// <summary>The DocType (<c>webm</c>, <c>matroska</c>) and what is wrong with the file, in the uploader's words (null when its structure holds).</summary>
    public static async Task<(string? DocType, string? Problem)> CheckAsync(ContainerReader file, CancellationToken ct)
    {
        file.Spend();
        var (header, problem) = await ReadElementAsync(file, 0, file.Length, ct);
        if (problem is not null) return (null, problem);
        if (header.Id != EbmlHeader || header.UnknownSize) return (null, "it does not start with a well-formed EBML header");
        var (docType, docProblem) = await DocTypeAsync(file, header, ct);
        if (docProblem is not null) return (null, docProblem);
        if (docType is not ("webm" or "matroska")) return (docType, $"it is an EBML file of type '{docType}', not WebM");

        var offset = header.End;
        var segments = 0;
        while (offset < file.Length)
        {
            if (!file.Spend()) return (docType, TooMany(file));
            var (element, elementProblem) = await ReadElementAsync(file, offset, file.Length, ct);
            if (elementProblem is not null) return (docType, elementProblem);
            if (element.Id == Segment && segments++ == 0)
            {
                var segmentProblem = await SegmentProblemAsync(file, element, ct);
                if (segmentProblem is not null) return (docType, segmentProblem);
            }
            else if (element.Id is not (Segment or Void or Crc32) && segments == 0)
            {
                return (docType, $"{Name(element.Id)} at byte {offset} stands where the Segment should begin");
            }
            offset = element.End;
        }
        return segments == 0 ? (docType, "it has no Segment: it holds only a WebM header") : (docType, null);
    }

    private static async Task<string?> SegmentProblemAsync(ContainerReader file, Element segment, CancellationToken ct)
    {
        var hasVideoTrack = false;
        var hasBlock = false;
        var offset = segment.DataStart;
        while (offset < segment.End)
        {
            if (!file.Spend()) return TooMany(file);
            var (element, problem) = await ReadElementAsync(file, offset, segment.End, ct);
            if (problem is not null) return problem;
            if (element.UnknownSize && element.Id != Cluster)
                return $"{Name(element.Id)} at byte {offset} has an unknown size, which only a Segment or Cluster may have";
            switch (element.Id)
            {
                case Tracks:
                    var (video, tracksProblem) = await HasVideoTrackAsync(file, element, ct);
                    if (tracksProblem is not null) return tracksProblem;
                    hasVideoTrack |= video;
                    break;
                case Cluster when element.UnknownSize || !hasBlock:
                    var (end, block, clusterProblem) = await ClusterAsync(file, element, ct);
                    if (clusterProblem is not null) return clusterProblem;
                    hasBlock |= block;
                    element = element with { End = end };
                    break;
            }
            offset = element.End;
        }
        if (!hasVideoTrack) return "it has no video track";
        if (!hasBlock) return "it holds no media data (no Cluster with a block)";
        return null;
    }

    private static async Task<(bool Video, string? Problem)> HasVideoTrackAsync(ContainerReader file, Element tracks, CancellationToken ct)
    {
        var video = false;
        var (entries, problem) = await ChildrenAsync(file, tracks, TrackEntry, ct);
        if (problem is not null) return (false, problem);
        foreach (var entry in entries)
        {
            var (types, typeProblem) = await ChildrenAsync(file, entry, TrackType, ct);
            if (typeProblem is not null) return (false, typeProblem);
            foreach (var type in types)
            {
                var length = (int)(type.End - type.DataStart);
                if (length is < 1 or > 8) return (false, $"a track's TrackType at byte {type.DataStart} is not a number");
                var bytes = await file.ReadAsync(type.DataStart, length, ct);
                ulong value = 0;
                foreach (var b in bytes.Span) value = (value << 8) | b;
                if (value == VideoTrack) video = true;
            }
        }
        return (video, null);
    }

    /// <summary>
    /// Where the Cluster ends and whether it holds a block. A Cluster of unknown size ends where an
    /// element of the Segment's level begins, or with the Segment.
    /// </summary>
    private static async Task<(long End, bool Block, string? Problem)> ClusterAsync(ContainerReader file, Element cluster, CancellationToken ct)
    {
        var block = false;
        var offset = cluster.DataStart;
        while (offset < cluster.End)
        {
            if (!file.Spend()) return (0, false, TooMany(file));
            var (element, problem) = await ReadElementAsync(file, offset, cluster.End, ct);
            if (problem is not null) return (0, false, problem);
            if (cluster.UnknownSize && (SegmentLevel.Contains(element.Id) || element.Id is EbmlHeader or Segment))
                return (offset, block, null);
            if (element.UnknownSize) return (0, false, $"{Name(element.Id)} at byte {offset} inside a Cluster has an unknown size");
            if (element.Id is SimpleBlock or BlockGroup && element.End > element.DataStart)
            {
                block = true;
                // A Cluster of known size is skipped whole from here; one of unknown size is walked to its end.
                if (!cluster.UnknownSize) return (cluster.End, true, null);
            }
            offset = element.End;
        }
        return (cluster.End, block, null);
    }

    private static async Task<(string? DocType, string? Problem)> DocTypeAsync(ContainerReader file, Element header, CancellationToken ct)
    {
        var (docTypes, problem) = await ChildrenAsync(file, header, DocType, ct);
        if (problem is not null) return (null, problem);
        if (docTypes.Count == 0) return (null, "its EBML header names no DocType");
        var doc = docTypes[0];
        var length = (int)Math.Min(doc.End - doc.DataStart, 16);
        var bytes = await file.ReadAsync(doc.DataStart, length, ct);
        var text = Encoding.ASCII.GetString(bytes.Span).TrimEnd('\0');
        return (doc.End - doc.DataStart > 16 ? text + "…" : text, null);
    }

    /// <summary>The children of a master element of known size with one ID, after checking that all its children fit in it.</summary>
    private static async Task<(List<Element> Elements, string? Problem)> ChildrenAsync(ContainerReader file, Element parent, uint id,
        CancellationToken ct)
    {
        var found = new List<Element>();
        var offset = parent.DataStart;
        while (offset < parent.End)
        {
            if (!file.Spend()) return (found, TooMany(file));
            var (element, problem) = await ReadElementAsync(file, offset, parent.End, ct);
            if (problem is not null) return (found, problem);
            if (element.UnknownSize) return (found, $"{Name(element.Id)} at byte {offset} inside {Name(parent.Id)} has an unknown size");
            if (element.Id == id) found.Add(element);
            offset = element.End;
        }
        return (found, null);
    }

    /// <summary>
    /// The element header at <paramref name="offset"/>: an ID (1-4 bytes, marker kept) and a size (1-8 bytes;
    /// all ones = unknown, then the element is taken to run to <paramref name="end"/>). It must end by <paramref name="end"/>.
    /// </summary>
    private static async Task<(Element Element, string? Problem)> ReadElementAsync(ContainerReader file, long offset, long end,
        CancellationToken ct)
    {
        var header = await file.ReadAsync(offset, 12, ct);
        var span = header.Span;
        var idLength = span.Length == 0 ? 0 : VintLength(span[0]);
        if (idLength is 0 or > 4)
            return (default, $"it is not well-formed WebM: no element can start at byte {offset} of {file.Length}");
        if (span.Length < idLength + 1) return (default, CutInHeader(file, offset));
        uint id = 0;
        for (var i = 0; i < idLength; i++) id = (id << 8) | span[i];
        var sizeLength = VintLength(span[idLength]);
        if (sizeLength == 0)
            return (default, $"it is not well-formed WebM: {Name(id)} at byte {offset} has a malformed size");
        if (span.Length < idLength + sizeLength) return (default, CutInHeader(file, offset));
        var size = (ulong)(span[idLength] & (0xFF >> sizeLength));
        for (var i = 1; i < sizeLength; i++) size = (size << 8) | span[idLength + i];
        var dataStart = offset + idLength + sizeLength;
        var unknown = size == (1UL << (7 * sizeLength)) - 1;
        if (dataStart > end) return (default, $"{Name(id)} at byte {offset} runs past the end of the element holding it");
        if (unknown) return (new Element(id, dataStart, end, true), null);
        if (size > (ulong)(end - dataStart))
        {
            return end == file.Length
                ? (default, $"it is cut short: {Name(id)} at byte {offset} needs {size} bytes, only {end - dataStart} are left in the file")
                : (default, $"{Name(id)} at byte {offset} runs past the end of the element holding it");
        }
        return (new Element(id, dataStart, dataStart + (long)size, false), null);
    }

    /// <summary>1-8 from the leading zero bits of a variable-length integer's first byte; 0 when it has none set.</summary>
    private static int VintLength(byte first) => first == 0 ? 0 : System.Numerics.BitOperations.LeadingZeroCount((uint)first) - 23;

    private static string CutInHeader(ContainerReader file, long offset) =>
        $"it is cut short: it ends in the middle of an element header (byte {offset} of {file.Length})";

    private static string TooMany(ContainerReader file) => $"it has too many elements to check (more than {file.MaxElements})";

    private static string Name(uint id) => id switch
    {
        EbmlHeader => "the EBML header",
        Segment => "the Segment",
        Tracks => "the Tracks element",
        TrackEntry => "a TrackEntry",
        Cluster => "a Cluster",
        SimpleBlock => "a SimpleBlock",
        BlockGroup => "a BlockGroup",
        _ => $"an element 0x{id:X}",
    };

    private readonly record struct Element(uint Id, long DataStart, long End, bool UnknownSize);
}
