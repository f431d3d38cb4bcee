namespace PrintFarm.Printers.Registry;

/// <summary>Who registered a printer: configuration is the operator's file and wins on restart; the API must not overwrite silently.</summary>
public enum RegistrationSource
{
    Api,
    Configuration,
}
