using PrintFarm.Designs;
using System.Text;
using PrintFarm.Designs.Intake;

namespace PrintFarm.Tests.Designs;

[Trait("Category", "Unit")]
public sealed class GCodeTextTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(GCodeText.Window - 1)]
    [InlineData(GCodeText.Window + 81920 + 7)]
    [InlineData(2 * GCodeText.Window)]
    [InlineData(2 * GCodeText.Window + 1)]
    [InlineData(3 * GCodeText.Window + 12345)]
    public void A_stream_read_once_gives_the_same_windows_as_a_file_read_by_seeking(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = (byte)('a' + (i * 7 + i / 4096) % 26);

        var seeking = GCodeText.Read(new MemoryStream(bytes));
        var once = GCodeText.ReadThrough(new MemoryStream(bytes), long.MaxValue);

        Assert.Equal(seeking.Header, once.Header);
        Assert.Equal(seeking.Footer, once.Footer);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Equal(length <= 2 * GCodeText.Window ? text : text[^GCodeText.Window..], once.Footer);
    }

    [Fact]
    public void A_big_PrusaSlicer_file_is_read_from_its_first_and_last_MiB()
    {
        var sample = Encoding.UTF8.GetString(SampleFiles.Bytes(SampleFiles.PrusaSlicer));
        var split = sample.IndexOf("M107\n", StringComparison.Ordinal);
        var moves = new StringBuilder();
        while (moves.Length < 5 * GCodeText.Window) moves.Append("G1 X12.345 Y67.890 E0.01234\n");
        var big = Encoding.UTF8.GetBytes(sample[..split] + moves + sample[split..]);

        var facts = SampleFiles.Intake(big).Facts;
        Assert.Equal(750, facts.EstimatedPrintSeconds);
        Assert.Equal("MK4S", facts.PrinterModel);
        Assert.Equal(31, facts.LayerCount);
    }

    [Fact]
    public void A_stream_longer_than_it_may_be_is_refused()
    {
        Assert.True(Assert.Throws<DesignRefusedException>(() => GCodeText.ReadThrough(new MemoryStream(new byte[5000]), 4999)).TooLarge);
    }
}
