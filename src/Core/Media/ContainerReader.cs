using Microsoft.Win32.SafeHandles;

namespace Tiktok.Core.Media;

/// <summary>
/// Positional reads of a few bytes at a time for the container walkers, with a budget of elements:
/// the file is never loaded, and a file made of countless tiny boxes stops the walk early.
/// </summary>
internal sealed class ContainerReader(SafeFileHandle file, long length, int maxElements)
{
    private readonly byte[] _buffer = new byte[16];
    private int _elements;

    public long Length { get; } = length;

    /// <summary>The most elements (boxes, EBML elements) one check walks.</summary>
    public int MaxElements { get; } = maxElements;

    /// <summary>Counts one more element walked; false once the budget is spent.</summary>
    public bool Spend() => ++_elements <= MaxElements;

    /// <summary>Up to <paramref name="count"/> (at most 16) bytes at <paramref name="offset"/>; fewer at the end of the file.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadAsync(long offset, int count, CancellationToken ct)
    {
        count = (int)Math.Min(Math.Min(count, _buffer.Length), Math.Max(0, Length - offset));
        var filled = 0;
        while (filled < count)
        {
            var read = await RandomAccess.ReadAsync(file, _buffer.AsMemory(filled, count - filled), offset + filled, ct);
            if (read == 0) break;
            filled += read;
        }
        return _buffer.AsMemory(0, filled);
    }
}
