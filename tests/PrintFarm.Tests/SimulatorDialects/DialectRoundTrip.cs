using System.Text;
using PrintFarm.PrinterSimulator;
using PrintFarm.PrinterSimulator.Dialects;
using PrintFarm.Printers;
using PrintFarm.Protocol;
using PrintFarm.Printers.Dialects;
using PrintFarm.Tests.Simulator;

namespace PrintFarm.Tests.SimulatorDialects;

/// <summary>
/// A simulated printer speaking a dialect, wired straight to the farm's adapter for that dialect:
/// everything the speaker publishes goes through the adapter, and what the adapter makes of it
/// (events, telemetry, connectivity) is collected. Commands are built with the farm's builders.
/// </summary>
internal sealed class DialectRoundTrip
{
    public static readonly TimeSpan PrintTime = TimeSpan.FromSeconds(100);

    private readonly Func<DialectMessage, DialectUpdate> _adapter;

    private DialectRoundTrip(ManualTimeProvider clock, SimulatedPrinter printer, IDialectSpeaker speaker,
        Func<DialectMessage, DialectUpdate> adapter)
    {
        Clock = clock;
        Printer = printer;
        Speaker = speaker;
        _adapter = adapter;
    }

    public ManualTimeProvider Clock { get; }
    public SimulatedPrinter Printer { get; }
    public IDialectSpeaker Speaker { get; }
    public List<DialectMessage> Published { get; } = [];
    public List<PrinterJobEvent> Events { get; } = [];
    public List<PrinterTelemetry> TelemetrySeen { get; } = [];
    public List<IReadOnlyList<PrinterError>> ErrorsSeen { get; } = [];
    public PrinterTelemetry? Telemetry => TelemetrySeen.LastOrDefault();
    public bool? Online { get; private set; }

    public static SimulatedPrinter NewPrinter(ManualTimeProvider clock, double failureRate = 0, int seed = 7) =>
        new("sim-001", new PrintFarm.PrinterSimulator.PrinterCapabilities("Simulated X1", "FDM", ["PLA"], new BuildVolume(256, 256, 256), 0.4, "test"),
            speedFactor: 1.0, new Random(seed), failureRate, clock);

    public static DialectRoundTrip Bambu(double failureRate = 0, bool refuseControl = false, int seed = 7,
        PrintFarm.PrinterSimulator.Files.PrinterStorage? sdCard = null)
    {
        var clock = new ManualTimeProvider();
        var printer = NewPrinter(clock, failureRate, seed);
        var speaker = new BambuSpeaker(printer, "sim-001", PrintTime, clock, refuseControl: refuseControl, sdCard: sdCard);
        var adapter = new BambuAdapter("sim-001");
        return new DialectRoundTrip(clock, printer, speaker, m =>
        {
            Assert.Equal(speaker.ReportTopic, m.Topic);
            return adapter.Report(m.Payload, clock.GetUtcNow());
        });
    }

    public static DialectRoundTrip OctoPrint(double failureRate = 0, int seed = 7)
    {
        var clock = new ManualTimeProvider();
        var printer = NewPrinter(clock, failureRate, seed);
        var speaker = new OctoPrintSpeaker(printer, "octoprint/sim-001/", PrintTime, clock);
        var adapter = new OctoPrintAdapter("sim-001", "octoprint/sim-001/");
        return new DialectRoundTrip(clock, printer, speaker, m => adapter.Handle(m.Topic, m.Payload, clock.GetUtcNow()));
    }

    public static DialectRoundTrip Moonraker(double failureRate = 0, int seed = 7)
    {
        var clock = new ManualTimeProvider();
        var printer = NewPrinter(clock, failureRate, seed);
        var speaker = new MoonrakerSpeaker(printer, "sim-001", PrintTime, clock);
        var adapter = new MoonrakerAdapter("sim-001", "sim-001");
        return new DialectRoundTrip(clock, printer, speaker, m => m.Topic.EndsWith("/api/response", StringComparison.Ordinal)
            ? DialectUpdate.Empty
            : adapter.Handle(m.Topic, m.Payload, clock.GetUtcNow()));
    }

    /// <summary>Feeds messages to the adapter and returns them.</summary>
    public IReadOnlyList<DialectMessage> Feed(IReadOnlyList<DialectMessage> messages)
    {
        foreach (var message in messages)
        {
            Published.Add(message);
            var update = _adapter(message);
            Events.AddRange(update.Events);
            if (update.Telemetry is { } t) TelemetrySeen.Add(t);
            if (update.Status is { } s) Online = s.Online;
            ErrorsSeen.Add(update.Errors);
        }
        return messages;
    }

    public IReadOnlyList<DialectMessage> Connect() => Feed(Speaker.Connected());

    public IReadOnlyList<DialectMessage> Command(string topic, string payload) =>
        Feed(Speaker.Command(topic, Encoding.UTF8.GetBytes(payload)));

    public void Run(int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            Clock.Advance(1);
            Feed(Speaker.Tick());
        }
    }

    /// <summary>Ticks once a second until the adapter has produced <paramref name="count"/> events in all.</summary>
    public void RunUntilEvents(int count, int maxSeconds = 400)
    {
        for (var i = 0; i < maxSeconds && Events.Count < count; i++)
        {
            Clock.Advance(1);
            Feed(Speaker.Tick());
        }
        Assert.True(Events.Count >= count, $"expected {count} events, saw {Events.Count}: {string.Join(", ", Events.Select(e => e.Type))}");
    }

    public IEnumerable<PrinterEventType> EventTypes => Events.Select(e => e.Type);
}
