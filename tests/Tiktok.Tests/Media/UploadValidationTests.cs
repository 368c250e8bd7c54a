using System.Buffers.Binary;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tiktok.Core.Media;
using Tiktok.Server.Media;

namespace Tiktok.Tests.Media;

/// <summary>
/// The same uploads are accepted or refused with ffmpeg (structure, then ffprobe) and without it
/// (<c>Tiktok:Media:UseFfmpeg=false</c>: the structural check alone), over one set of samples:
/// the fixtures and broken files made from them.
/// </summary>
public sealed class UploadValidationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tiktok-validation-").FullName;

    public static TheoryData<string> Good => new(UploadSamples.Good.Keys);
    public static TheoryData<string> Bad => new(UploadSamples.Bad.Keys);

    [Theory]
    [MemberData(nameof(Good))]
    public async Task A_sound_video_is_accepted_without_ffmpeg(string sample) =>
        AssertAccepted(sample, await ProbeAsync(Inspector(useFfmpeg: false), UploadSamples.Good[sample]()));

    [Theory]
    [MemberData(nameof(Bad))]
    public async Task A_broken_upload_is_refused_without_ffmpeg(string sample) =>
        AssertRefused(sample, await ProbeAsync(Inspector(useFfmpeg: false), UploadSamples.Bad[sample]()));

    [FfmpegTheory]
    [MemberData(nameof(Good))]
    public async Task A_sound_video_is_accepted_with_ffmpeg(string sample) =>
        AssertAccepted(sample, await ProbeAsync(RequireFfmpeg(), UploadSamples.Good[sample]()));

    [FfmpegTheory]
    [MemberData(nameof(Bad))]
    public async Task A_broken_upload_is_refused_with_ffmpeg(string sample) =>
        AssertRefused(sample, await ProbeAsync(RequireFfmpeg(), UploadSamples.Bad[sample]()));

    [Fact]
    public async Task Mp4_formats_are_told_apart_and_webm_is_named_webm()
    {
        var inspector = Inspector(useFfmpeg: false);
        Assert.Equal(".mp4", (await ProbeAsync(inspector, UploadSamples.Good["sample.mp4"]())).Extension);
        Assert.Equal(".mov", (await ProbeAsync(inspector, UploadSamples.Good["tiny.mov"]())).Extension);
        var webm = await ProbeAsync(inspector, UploadSamples.Good["tiny.webm"]());
        Assert.Equal((".webm", "video/webm"), (webm.Extension, webm.ContentType));
    }

    [Fact]
    public async Task The_reason_names_what_is_wrong()
    {
        var inspector = Inspector(useFfmpeg: false);
        Assert.Contains("cut short", (await ProbeAsync(inspector, UploadSamples.Bad["mp4 cut in its moov"]())).Problem);
        Assert.Contains("no video track", (await ProbeAsync(inspector, UploadSamples.Bad["audio-only.mp4"]())).Problem);
        Assert.Contains("no media data", (await ProbeAsync(inspector, UploadSamples.Bad["mp4 without mdat"]())).Problem);
        Assert.Contains("no Segment", (await ProbeAsync(inspector, UploadSamples.Bad["webm header only"]())).Problem);
        Assert.Contains("no video track", (await ProbeAsync(inspector, UploadSamples.Bad["audio-only.webm"]())).Problem);
    }

    [Fact]
    public async Task A_file_of_countless_boxes_is_refused_after_the_budget()
    {
        // 8-byte 'free' boxes after the sample: more than the walker's budget, each one well formed.
        var boxes = new byte[(VideoStructure.MaxElements + 10) * 8];
        for (var i = 0; i < boxes.Length; i += 8)
        {
            BinaryPrimitives.WriteUInt32BigEndian(boxes.AsSpan(i), 8);
            "free"u8.CopyTo(boxes.AsSpan(i + 4));
        }
        var probe = await ProbeAsync(Inspector(useFfmpeg: false), [.. UploadSamples.Fixture("sample.mp4"), .. boxes]);
        Assert.False(probe.IsVideo);
        Assert.Contains("too many boxes", probe.Problem);
    }

    [Fact]
    public void UseFfmpeg_false_turns_ffmpeg_off_even_when_it_is_installed()
    {
        var off = Inspector(useFfmpeg: false);
        Assert.False(off.Available);
        Assert.False(off.MakesCovers);
        Assert.True(off.Disabled);
    }

    private static FfmpegInspector Inspector(bool useFfmpeg) =>
        new(Options.Create(new MediaOptions { UseFfmpeg = useFfmpeg }), NullLogger<FfmpegInspector>.Instance);

    /// <summary>The inspector with ffmpeg; fails when it is missing (only reached under CI=true: elsewhere the test is skipped).</summary>
    private static FfmpegInspector RequireFfmpeg()
    {
        var inspector = Inspector(useFfmpeg: true);
        Assert.True(inspector.Available, "CI=true but ffmpeg/ffprobe are not on PATH: .ci/run must install them");
        return inspector;
    }

    private async Task<VideoProbe> ProbeAsync(IVideoInspector inspector, byte[] content)
    {
        var file = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".part");
        await File.WriteAllBytesAsync(file, content);
        return await inspector.ProbeAsync(file, CancellationToken.None);
    }

    private static void AssertAccepted(string sample, VideoProbe probe) =>
        Assert.True(probe.IsVideo, $"{sample} must be accepted, was refused: {probe.Problem}");

    private static void AssertRefused(string sample, VideoProbe probe)
    {
        Assert.False(probe.IsVideo, $"{sample} must be refused, was accepted as {probe.ContentType}");
        Assert.False(string.IsNullOrWhiteSpace(probe.Problem));
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
