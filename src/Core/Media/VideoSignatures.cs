using System.Text;

namespace Tiktok.Core.Media;

/// <summary>Recognises MP4, QuickTime and WebM files by their first bytes.</summary>
public static class VideoSignatures
{
    public static async Task<VideoProbe> ProbeAsync(string file, CancellationToken ct)
    {
        var head = new byte[4096];
        int length;
        await using (var stream = File.OpenRead(file))
        {
            length = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        }
        return Probe(head.AsSpan(0, length));
    }

    public static VideoProbe Probe(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12)
        {
            var box = Encoding.ASCII.GetString(head.Slice(4, 4));
            if (box == "ftyp")
            {
                var brand = Encoding.ASCII.GetString(head.Slice(8, 4));
                return brand == "qt  "
                    ? new VideoProbe(true, ".mov", "video/quicktime", null)
                    : new VideoProbe(true, ".mp4", "video/mp4", null);
            }
            if (box is "moov" or "mdat" or "wide" or "free" or "skip")
                return new VideoProbe(true, ".mov", "video/quicktime", null);
        }
        if (head.Length >= 4 && head[0] == 0x1A && head[1] == 0x45 && head[2] == 0xDF && head[3] == 0xA3)
        {
            return head.IndexOf("webm"u8) >= 0
                ? new VideoProbe(true, ".webm", "video/webm", null)
                : VideoProbe.Rejected("Matroska files other than WebM are not accepted");
        }
        return VideoProbe.Rejected("only MP4, QuickTime and WebM videos are accepted");
    }
}
