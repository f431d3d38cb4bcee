namespace PrintFarm.Protocol;

public enum PrinterCommandType
{
    Start,
    Pause,
    Resume,
    Cancel,
}
