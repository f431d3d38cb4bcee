using PrintFarm.Silo.PrintFiles.Ftps;

namespace PrintFarm.Tests.Ftps;

[Trait("Category", "Unit")]
public sealed class FtpReplyTests
{
    [Fact]
    public void A_single_line_reply_is_complete_at_once()
    {
        Assert.True(FtpReply.TryComplete(["220 (vsFTPd 3.0.3)"], out var reply));

        Assert.Equal(220, reply!.Code);
        Assert.Equal("(vsFTPd 3.0.3)", reply.Text);
        Assert.True(reply.IsCompletion);
    }

    [Fact]
    public void A_bare_code_is_a_reply_without_text()
    {
        var reply = FtpReply.Parse("200");

        Assert.Equal(200, reply.Code);
        Assert.Equal("", reply.Text);
    }

    [Fact]
    public void A_multi_line_reply_ends_only_at_its_code_and_a_space()
    {
        Assert.False(FtpReply.TryComplete(["211-Features:", " EPSV", "  PASV"], out _));
        Assert.False(FtpReply.TryComplete(["211-Features:", "211-still going"], out _));
        // Inner lines may look like other replies: only the opening code ends it.
        Assert.True(FtpReply.TryComplete(["211-Features:", " EPSV", "220 other code is text", "211 End"], out var features));

        Assert.Equal(211, features!.Code);
        Assert.Equal(4, features.Lines.Count);
        Assert.Equal("Features: EPSV 220 other code is text End", features.Text);
    }

    [Fact]
    public void Lines_that_repeat_the_code_with_a_dash_are_text()
    {
        var reply = FtpReply.Parse("230-one\r\n230-two\r\n230 three\r\n");

        Assert.Equal(230, reply.Code);
        Assert.Equal("one two three", reply.Text);
    }

    [Fact]
    public void A_multi_line_reply_whose_end_has_another_code_goes_on()
    {
        Assert.False(FtpReply.TryComplete(["150-Opening", "226 Transfer complete."], out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("22 short")]
    [InlineData("abc def")]
    [InlineData("220text without separator")]
    [InlineData("620 no such class")]
    [InlineData("020 no such class")]
    [InlineData("SSH-2.0-OpenSSH_9.2")]
    public void Garbage_is_not_a_reply(string line)
    {
        Assert.Throws<FormatException>(() => FtpReply.TryComplete([line], out _));
    }

    [Fact]
    public void Lines_after_the_end_are_an_error()
    {
        Assert.Throws<FormatException>(() => FtpReply.TryComplete(["220 hi", "220 again"], out _));
        Assert.Throws<FormatException>(() => FtpReply.TryComplete(["220-hi", "220 end", "extra"], out _));
        Assert.Throws<FormatException>(() => FtpReply.Parse("220-never ends"));
    }

    [Fact]
    public void No_lines_are_no_reply_yet()
    {
        Assert.False(FtpReply.TryComplete([], out var reply));
        Assert.Null(reply);
    }

    [Theory]
    [InlineData("227 Entering Passive Mode (127,0,0,1,117,48).", 30000)]
    [InlineData("227 Entering Passive Mode (192,168,1,20,4,1)", 1025)]
    [InlineData("227 =10,0,0,7,195,80", 50000)] // RFC 959 fixes no brackets
    [InlineData("227 Entering Passive Mode 10,0,0,7,0,21", 21)]
    public void PASV_gives_the_port_and_the_address_is_ignored(string line, int port)
    {
        Assert.Equal(port, FtpReply.PassivePort(FtpReply.Parse(line)));
    }

    [Theory]
    [InlineData("227 Entering Passive Mode (127,0,0,1,117)")]
    [InlineData("227 Entering Passive Mode (127,0,0,1,300,48)")]
    [InlineData("227 Entering Passive Mode (127,0,0,1,0,0)")]
    [InlineData("227 Entering Passive Mode")]
    [InlineData("200 Entering Passive Mode (127,0,0,1,117,48)")]
    public void A_broken_PASV_reply_is_refused(string line)
    {
        Assert.Throws<FormatException>(() => FtpReply.PassivePort(FtpReply.Parse(line)));
    }

    [Theory]
    [InlineData("229 Entering Extended Passive Mode (|||30001|)", 30001)]
    [InlineData("229 Entering Extended Passive Mode (!!!65535!)", 65535)]
    [InlineData("229 ok (|||1|) trailing", 1)]
    public void EPSV_gives_the_port(string line, int port)
    {
        Assert.Equal(port, FtpReply.ExtendedPassivePort(FtpReply.Parse(line)));
    }

    [Theory]
    [InlineData("229 Entering Extended Passive Mode (|||65536|)")]
    [InlineData("229 Entering Extended Passive Mode (|||0|)")]
    [InlineData("229 Entering Extended Passive Mode (||30001|)")]
    [InlineData("229 Entering Extended Passive Mode (|||30a01|)")]
    [InlineData("229 Entering Extended Passive Mode (1113000011)")]
    [InlineData("229 Entering Extended Passive Mode |||30001|")]
    [InlineData("229 Entering Extended Passive Mode (|||")]
    [InlineData("227 Entering Extended Passive Mode (|||30001|)")]
    public void A_broken_EPSV_reply_is_refused(string line)
    {
        Assert.Throws<FormatException>(() => FtpReply.ExtendedPassivePort(FtpReply.Parse(line)));
    }
}
