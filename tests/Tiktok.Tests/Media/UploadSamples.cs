using System.Buffers.Binary;
using System.Text;

namespace Tiktok.Tests.Media;

/// <summary>
/// Uploads for the validation tests: sound videos (tests/fixtures) and broken files made from them,
/// each under a name that says what it is.
/// </summary>
public static class UploadSamples
{
    public static readonly IReadOnlyDictionary<string, Func<byte[]>> Good = new Dictionary<string, Func<byte[]>>
    {
        ["sample.mp4"] = () => Fixture("sample.mp4"),
        ["tiny.mov"] = () => Fixture("tiny.mov"),
        ["fragmented.mp4"] = () => Fixture("fragmented.mp4"),
        ["mp4 with a 64-bit mdat size"] = Mp4WithLargeMdatSize,
        ["mp4 whose mdat runs to the end (size 0)"] = () => WithUInt32(Fixture("sample.mp4"), MdatOffset(), 0),
        ["tiny.webm"] = () => Fixture("tiny.webm"),
        ["tiny-streamed.webm"] = () => Fixture("tiny-streamed.webm"),
        ["webm with a Cluster of unknown size"] = WebmWithUnknownSizeCluster,
    };

    public static readonly IReadOnlyDictionary<string, Func<byte[]>> Bad = new Dictionary<string, Func<byte[]>>
    {
        ["text named .mp4"] = () => Encoding.UTF8.GetBytes("this is not a video at all\n" + new string('x', 4000)),
        ["mp4 header only"] = () => [.. Fixture("sample.mp4").AsSpan(0, 64), .. new byte[2000]],
        ["mp4 ftyp only"] = () => Fixture("sample.mp4")[..32],
        ["mp4 cut in its moov"] = () => Fixture("sample.mp4")[..1500],
        ["mp4 cut in its mdat"] = () => Fixture("sample.mp4")[..^5000],
        ["mp4 without mdat"] = () => Fixture("sample.mp4")[..MdatOffset()],
        ["mp4 with an empty mdat"] = () => [.. Fixture("sample.mp4").AsSpan(0, MdatOffset()), 0, 0, 0, 8, .. "mdat"u8],
        ["mp4 whose moov has no video trak"] = Mp4WithoutVideoTrak,
        ["mp4 with a box of impossible size"] = () => WithUInt32(Fixture("sample.mp4"), MdatOffset(), 4),
        ["mp4 with a trak running past its moov"] = () => WithUInt32(Fixture("sample.mp4"), VideoTrakOffset, 4000),
        ["mp4 not starting with ftyp"] = () => [0, 0, 0, 8, .. "junk"u8, .. Fixture("sample.mp4")],
        ["mp4 with trailing bytes"] = () => [.. Fixture("sample.mp4"), 1, 2, 3],
        ["audio-only.mp4"] = () => Fixture("audio-only.mp4"),
        ["fragmented mp4 without its fragments"] = () => Fixture("fragmented.mp4")[..FirstBox(Fixture("fragmented.mp4"), "moof")],
        ["webm header only"] = () => Fixture("tiny.webm")[..36],
        ["webm cut short"] = () => Fixture("tiny.webm")[..2000],
        ["webm without Clusters"] = WebmWithoutClusters,
        ["audio-only.webm"] = () => Fixture("audio-only.webm"),
        ["matroska that is not webm"] = () => Fixture("tiny.webm") is var webm && Encoding.ASCII.GetString(webm, 0, 40).IndexOf("webm") is var at and > 0
            ? ReplaceAt(webm, at, "mkvx"u8)
            : throw new InvalidOperationException("no DocType in tiny.webm"),
    };

    /// <summary>Where sample.mp4's video track begins (its first 'trak', inside 'moov' at 32).</summary>
    private const int VideoTrakOffset = 148;

    public static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", name));

    private static int MdatOffset() => FirstBox(Fixture("sample.mp4"), "mdat");

    /// <summary>The offset of the first top-level box of a type (32-bit sizes only, as the fixtures have).</summary>
    private static int FirstBox(byte[] mp4, string type)
    {
        var offset = 0;
        while (offset + 8 <= mp4.Length)
        {
            if (Encoding.ASCII.GetString(mp4, offset + 4, 4) == type) return offset;
            offset += (int)BinaryPrimitives.ReadUInt32BigEndian(mp4.AsSpan(offset));
        }
        throw new InvalidOperationException($"no '{type}' box");
    }

    /// <summary>sample.mp4 with its 'free' and 'mdat' headers (8 + 8 bytes) merged into one 16-byte mdat header with a 64-bit size: the media stays where it was.</summary>
    private static byte[] Mp4WithLargeMdatSize()
    {
        var mp4 = Fixture("sample.mp4");
        var free = FirstBox(mp4, "free");
        Assert.Equal(free + 8, MdatOffset());
        var header = new byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(header, 1);
        "mdat"u8.CopyTo(header.AsSpan(4));
        BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(8), (ulong)(mp4.Length - free));
        return ReplaceAt(mp4, free, header);
    }

    /// <summary>sample.mp4 with its video 'trak' cut out of 'moov' (the audio track stays).</summary>
    private static byte[] Mp4WithoutVideoTrak()
    {
        var mp4 = Fixture("sample.mp4");
        Assert.Equal("trak", Encoding.ASCII.GetString(mp4, VideoTrakOffset + 4, 4));
        var trakSize = (int)BinaryPrimitives.ReadUInt32BigEndian(mp4.AsSpan(VideoTrakOffset));
        byte[] cut = [.. mp4.AsSpan(0, VideoTrakOffset), .. mp4.AsSpan(VideoTrakOffset + trakSize)];
        var moov = FirstBox(cut, "moov");
        var moovSize = BinaryPrimitives.ReadUInt32BigEndian(cut.AsSpan(moov));
        return WithUInt32(cut, moov, moovSize - (uint)trakSize);
    }

    /// <summary>tiny.webm with its first Cluster's size set to "unknown" (all ones), as browsers' MediaRecorder writes it.</summary>
    private static byte[] WebmWithUnknownSizeCluster()
    {
        var webm = Fixture("tiny.webm");
        var cluster = webm.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x1F, 0x43, 0xB6, 0x75]);
        var sizeLength = System.Numerics.BitOperations.LeadingZeroCount((uint)webm[cluster + 4]) - 23;
        var unknown = new byte[sizeLength];
        Array.Fill(unknown, (byte)0xFF);
        unknown[0] = (byte)(0xFF >> (sizeLength - 1));
        return ReplaceAt(webm, cluster + 4, unknown);
    }

    /// <summary>tiny.webm up to its first Cluster, with the Segment's size shrunk to match.</summary>
    private static byte[] WebmWithoutClusters()
    {
        var webm = Fixture("tiny.webm");
        var cluster = webm.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x1F, 0x43, 0xB6, 0x75]);
        var segment = webm.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x18, 0x53, 0x80, 0x67]);
        Assert.Equal(0x01, webm[segment + 4]); // an 8-byte size, as ffmpeg writes it
        var size = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(size, (ulong)(cluster - (segment + 12)));
        size[0] = 0x01;
        return ReplaceAt(webm[..cluster], segment + 4, size);
    }

    private static byte[] WithUInt32(byte[] content, int offset, uint value)
    {
        var copy = (byte[])content.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(offset), value);
        return copy;
    }

    private static byte[] ReplaceAt(byte[] content, int offset, ReadOnlySpan<byte> bytes)
    {
        var copy = (byte[])content.Clone();
        bytes.CopyTo(copy.AsSpan(offset));
        return copy;
    }
}
