using PrintFarm.Protocol;

namespace PrintFarm.Printers;

/// <summary>
/// Whether an operator's pause, resume or stop may go to a printer now, from what the farm last
/// heard of it. Pure. A command the printer could not act on is refused before it is sent: a
/// printer ignores a pause of a job it is not printing, and the operator would never learn why.
/// </summary>
public static class PrinterSteering
{
    /// <returns>Null when the command may be sent; otherwise why not, in words for the operator.</returns>
    public static string? Refusal(string printerId, PrinterState state, PrinterCommandType command)
    {
        var verb = Verb(command);
        if (command == PrinterCommandType.Start) return $"Printer {printerId}: jobs are started by the dispatcher, not by hand.";
        if (state.Connectivity != Connectivity.Online) return $"Printer {printerId} is offline: it would not hear the {verb}.";
        if (state.CurrentJobId is not { } jobId) return $"Printer {printerId} has no job to {verb}.";
        var allowed = command switch
        {
            PrinterCommandType.Pause => state.Activity is PrinterActivity.Printing,
            PrinterCommandType.Resume => state.Activity is PrinterActivity.Paused,
            // Not while Preparing: the printer may not have the job yet and would ignore the stop.
            _ => state.Activity is PrinterActivity.Printing or PrinterActivity.Pausing or PrinterActivity.Paused or PrinterActivity.Resuming,
        };
        return allowed ? null : $"Printer {printerId} is {state.Activity} with job {jobId}: it can {verb} only {Needs(command)}.";
    }

    /// <summary>The command in an operator's words.</summary>
    public static string Verb(PrinterCommandType command) => command switch
    {
        PrinterCommandType.Pause => "pause",
        PrinterCommandType.Resume => "resume",
        PrinterCommandType.Cancel => "stop",
        _ => "start",
    };

    private static string Needs(PrinterCommandType command) => command switch
    {
        PrinterCommandType.Pause => "a job it is printing",
        PrinterCommandType.Resume => "a job it has paused",
        _ => "a job it is printing or has paused",
    };
}
