using System.Text.Json.Nodes;
using PrintFarm.Protocol;

namespace PrintFarm.Printers.Dialects;

/// <summary>Payloads for <c>device/{serial}/request</c> (PROTOCOLS.md §1.7). Pure functions; the sequence id is a string on the wire.</summary>
public static class BambuCommands
{
    public static string RequestTopic(string serial) => $"device/{serial}/request";
    public static string ReportTopic(string serial) => $"device/{serial}/report";

    public static string Pause(long sequenceId) => Simple("pause", sequenceId);
    public static string Resume(long sequenceId) => Simple("resume", sequenceId);
    public static string Stop(long sequenceId) => Simple("stop", sequenceId);

    /// <summary>Ask for a full report (not more often than every 5 minutes on a P1).</summary>
    public static string PushAll(long sequenceId) =>
        new JsonObject { ["pushing"] = new JsonObject { ["sequence_id"] = Seq(sequenceId), ["command"] = "pushall", ["version"] = 1, ["push_target"] = 1 } }.ToJsonString();

    public static string ProjectFile(BambuProjectFileRequest r, long sequenceId)
    {
        if (!PrinterId.IsValid(r.JobId)) throw new ArgumentException($"Bad job id '{r.JobId}'.", nameof(r));
        if (string.IsNullOrWhiteSpace(r.FileName)) throw new ArgumentException("A file name is needed.", nameof(r));
        if (r.Plate < 1) throw new ArgumentException("Plates count from 1.", nameof(r));
        var path = r.FileName.TrimStart('/');
        var mapping = new JsonArray();
        foreach (var slot in r.AmsMapping) mapping.Add(slot);
        return new JsonObject
        {
            ["print"] = new JsonObject
            {
                ["sequence_id"] = Seq(sequenceId),
                ["command"] = "project_file",
                ["param"] = $"Metadata/plate_{r.Plate}.gcode",
                ["url"] = r.LegacySdcardUrl ? $"file:///sdcard/{path}" : $"ftp:///{path}",
                ["subtask_name"] = r.JobId,
                ["project_id"] = "0",
                ["profile_id"] = "0",
                ["task_id"] = "0",
                ["subtask_id"] = "0",
                ["bed_type"] = r.BedType,
                ["timelapse"] = r.Timelapse,
                // Spelled both ways in the sources (OBA / HAB): send both.
                ["bed_levelling"] = r.BedLevelling,
                ["bed_leveling"] = r.BedLevelling,
                ["flow_cali"] = r.FlowCalibration,
                ["vibration_cali"] = r.VibrationCalibration,
                ["layer_inspect"] = r.LayerInspect,
                ["use_ams"] = r.UseAms,
                ["ams_mapping"] = mapping,
            },
        }.ToJsonString();
    }

    private static string Simple(string command, long sequenceId) =>
        new JsonObject { ["print"] = new JsonObject { ["sequence_id"] = Seq(sequenceId), ["command"] = command, ["param"] = "" } }.ToJsonString();

    private static string Seq(long sequenceId) => sequenceId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
