using Microsoft.Extensions.Options;
using Tiktok.Core.Media;
using Tiktok.Server.Media;

namespace Tiktok.Tests.Units;

public sealed class MediaChecksTests
{
    private static byte[] Head(string box, string brand = "isom") =>
        [0, 0, 0, 0x20, .. System.Text.Encoding.ASCII.GetBytes(box), .. System.Text.Encoding.ASCII.GetBytes(brand), 0, 0, 0, 0];

    [Fact]
    public void Mp4_quicktime_and_webm_are_recognised_by_signature()
    {
        Assert.Equal(".mp4", VideoSignatures.Probe(Head("ftyp")).Extension);
        Assert.Equal(".mov", VideoSignatures.Probe(Head("ftyp", "qt  ")).Extension);
        Assert.Equal(".mov", VideoSignatures.Probe(Head("moov")).Extension);
        byte[] webm = [0x1A, 0x45, 0xDF, 0xA3, 0x42, 0x82, 0x84, .. "webm"u8];
        Assert.Equal("video/webm", VideoSignatures.Probe(webm).ContentType);
    }

    [Theory]
    [InlineData("hello, this is text")]
    [InlineData("")]
    [InlineData("\u0089PNG\r\n\u001a\n0000")]
    public void Other_files_are_refused(string content)
    {
        var probe = VideoSignatures.Probe(System.Text.Encoding.Latin1.GetBytes(content));
        Assert.False(probe.IsVideo);
        Assert.False(string.IsNullOrEmpty(probe.Problem));
    }

    [Theory]
    [InlineData("videos/202612/abc.mp4", true)]
    [InlineData("../signing-key", false)]
    [InlineData("videos/../../etc/passwd", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("Videos/UPPER.mp4", false)]
    [InlineData("", false)]
    public void Media_keys_cannot_escape_the_media_directory(string key, bool valid) =>
        Assert.Equal(valid, MediaKeyRules.IsValid(key));

    [Fact]
    public void Ffmpeg_is_installed_where_ci_runs()
    {
        var inspector = new FfmpegInspector(Options.Create(new MediaOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<FfmpegInspector>.Instance);
        if (Environment.GetEnvironmentVariable("CI") == "true")
            Assert.True(inspector.Available, "CI=true but ffmpeg/ffprobe are not on PATH: .ci/run must install them");
    }
}
