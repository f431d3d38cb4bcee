namespace PrintFarm.Printers;

public enum Connectivity
{
    Offline,
    Online,
}
