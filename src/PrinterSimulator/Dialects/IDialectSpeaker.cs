namespace PrintFarm.PrinterSimulator.Dialects;

/// <summary>
/// Turns one <see cref="SimulatedPrinter"/> into a real printer's wire dialect: what it publishes
/// on connect, on every tick and in answer to commands. Pure (no sockets), so a test can feed its
/// output to the farm's adapters directly. Implementations are thread-safe: commands arrive on the
/// MQTT receive path while the fleet loop ticks; the messages of one call are in send order.
/// </summary>
public interface IDialectSpeaker
{
    SimulatedPrinter Printer { get; }

    PrinterDialect Dialect { get; }

    /// <summary>Topic filters the printer listens on for commands.</summary>
    IReadOnlyList<string> CommandTopics { get; }

    /// <summary>The last will to leave with the broker, when the dialect has one.</summary>
    DialectMessage? LastWill { get; }

    /// <summary>What to publish right after (re)connecting: retained status and a first picture.</summary>
    IReadOnlyList<DialectMessage> Connected();

    /// <summary>Moves the printer to the present and returns what changed.</summary>
    IReadOnlyList<DialectMessage> Tick();

    /// <summary>One command message; returns replies and the reports its effects cause.</summary>
    IReadOnlyList<DialectMessage> Command(string topic, ReadOnlySpan<byte> payload);

    /// <summary>What a clean shutdown publishes (e.g. a retained offline status).</summary>
    IReadOnlyList<DialectMessage> Stopping();
}
