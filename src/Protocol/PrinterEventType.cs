namespace PrintFarm.Protocol;

public enum PrinterEventType
{
    JobStarted,
    JobFinished,
    JobFailed,
    JobCancelled,
    JobPaused,
    JobResumed,
}
