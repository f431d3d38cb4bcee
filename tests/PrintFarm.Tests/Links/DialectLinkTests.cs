using System.Text;
using System.Text.Json.Nodes;
using PrintFarm.Printers;
using PrintFarm.Protocol;
using PrintFarm.Printers.Links;
using PrintFarm.Silo.Telemetry.Links;

namespace PrintFarm.Tests.Links;

[Trait("Category", "Unit")]
public sealed class DialectLinkTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Bambu_commands_go_to_the_request_topic_and_start_names_the_job()
    {
        var link = new BambuLink("x1c-01", "SERIAL1", TimeSpan.FromMinutes(5));
        var start = link.Command(new PrinterCommand(PrinterCommandType.Start, "job-42", "bracket"))!;
        Assert.Equal("device/SERIAL1/request", start.Topic);
        var print = JsonNode.Parse(start.Payload)!["print"]!;
        Assert.Equal("project_file", (string?)print["command"]);
        Assert.Equal("job-42", (string?)print["subtask_name"]);
        Assert.Equal("file:///sdcard/job-42.3mf", (string?)print["url"]);
        Assert.Equal("stop", (string?)JsonNode.Parse(link.Command(new PrinterCommand(PrinterCommandType.Cancel, "job-42"))!.Payload)!["print"]!["command"]);
        Assert.Equal("pause", (string?)JsonNode.Parse(link.Command(new PrinterCommand(PrinterCommandType.Pause, "job-42"))!.Payload)!["print"]!["command"]);
    }

    [Fact]
    public void Bambu_pushall_goes_out_on_the_first_connect_and_not_again_within_five_minutes()
    {
        var link = new BambuLink("x1c-01", "SERIAL1", TimeSpan.FromMinutes(5));
        var first = link.OnConnected(T0);
        Assert.NotNull(first);
        Assert.Equal("pushall", (string?)JsonNode.Parse(first.Payload)!["pushing"]!["command"]);
        Assert.Null(link.OnConnected(T0.AddSeconds(10)));
        Assert.Null(link.OnConnected(T0.AddMinutes(4)));
        Assert.NotNull(link.OnConnected(T0.AddMinutes(5)));
    }

    [Fact]
    public void A_Bambu_command_refused_by_firmware_is_read_from_its_acknowledgement()
    {
        var link = new BambuLink("x1c-01", "SERIAL1", TimeSpan.FromMinutes(5));
        var refused = link.Reply("device/SERIAL1/report", Encoding.UTF8.GetBytes("""{"print":{"command":"pause","sequence_id":"7","result":"FAILED","reason":"developer mode is off"}}"""));
        Assert.Equal(new CommandReply(false, "pause", "developer mode is off"), refused);
        Assert.True(link.Reply("device/SERIAL1/report", Encoding.UTF8.GetBytes("""{"print":{"command":"resume","result":"Success"}}"""))!.Accepted);
        Assert.Null(link.Reply("device/SERIAL1/report", Encoding.UTF8.GetBytes("""{"print":{"command":"push_status","mc_percent":3}}""")));
    }

    [Fact]
    public void Moonraker_commands_are_json_rpc_and_only_replies_to_our_ids_count()
    {
        var link = new MoonrakerLink("voron-2", "voron-2");
        var start = link.Command(new PrinterCommand(PrinterCommandType.Start, "job-42"))!;
        Assert.Equal("voron-2/moonraker/api/request", start.Topic);
        var request = JsonNode.Parse(start.Payload)!;
        Assert.Equal("printer.print.start", (string?)request["method"]);
        Assert.Equal("job-42.gcode", (string?)request["params"]!["filename"]);
        var id = (long)request["id"]!;

        Assert.Null(link.Reply("voron-2/moonraker/api/response", Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","result":"ok","id":999}""")));
        var reply = link.Reply("voron-2/moonraker/api/response", Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","error":{"code":400,"message":"file not found"},"id":{{id}}}"""));
        Assert.Equal(new CommandReply(false, "printer.print.start", "file not found"), reply);
        Assert.Null(link.Reply("voron-2/moonraker/api/response", Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","result":"ok","id":{{id}}}""")));
    }

    [Fact]
    public void OctoPrint_commands_carry_its_REST_bodies_under_the_base_topic_and_are_not_read_back_as_telemetry()
    {
        var link = new OctoPrintLink("octo-07", "farm/octo-07/");
        var start = link.Command(new PrinterCommand(PrinterCommandType.Start, "job-42"))!;
        Assert.Equal("farm/octo-07/api/select", start.Topic);
        Assert.Equal("""{"command":"select","print":true,"path":"job-42.gcode"}""", start.Payload);
        var pause = link.Command(new PrinterCommand(PrinterCommandType.Pause, "job-42"))!;
        Assert.Equal(("farm/octo-07/api/job", """{"command":"pause","action":"pause"}"""), (pause.Topic, pause.Payload));
        Assert.True(link.Handle("farm/octo-07/api/job", Encoding.UTF8.GetBytes(pause.Payload), T0).IsEmpty);
    }

    [Fact]
    public void The_Bambu_connection_itself_says_online_and_offline()
    {
        var link = new BambuLink("x1c-01", "SERIAL1", TimeSpan.FromMinutes(5));
        Assert.True(link.ConnectionUpdate(true, T0).Status!.Online);
        Assert.False(link.ConnectionUpdate(false, T0).Status!.Online);
        Assert.True(new MoonrakerLink("v", "v").ConnectionUpdate(false, T0).IsEmpty);
    }
}
