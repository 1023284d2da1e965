; Inno Setup 6 script: the Windows installer of 一卡通专项整治, per machine, from the PyInstaller folder
; build\dist\yikatong that installers\yikatong.spec makes. build.ps1 runs both and passes the version
; from pyproject.toml:  iscc /DAppVersion=0.1.0 installers\windows\yikatong.iss
; Kept in step with installers/yikatong.spec (the two programs, ykt.exe and yikatong.exe) and with
; installers/linux (the .ykt file type, the 中文 names). Data stays in %LOCALAPPDATA%\yikatong of each
; user (platformdirs): uninstalling never touches it.

#if VER < 0x06030000
  #error Inno Setup 6.3 or newer is needed (x64compatible, a UTF-8 script)
#endif
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z yikatong.iss (build.ps1 reads it from pyproject.toml)
#endif
#define AppName "一卡通专项整治"
#define AppExe "yikatong.exe"
#define ProgId "Yikatong.Package"

[Setup]
AppId={{5B0E7C52-3D1E-4C7B-9E55-2F1C0A6B7D31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=一卡通专项整治
DefaultDirName={autopf}\Yikatong
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir=..\..\build\windows
OutputBaseFilename=yikatong-setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\yikatong.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
zh.DesktopIcon=在桌面创建快捷方式
en.DesktopIcon=Create a desktop shortcut
zh.CommandLine=命令行工具 ykt
en.CommandLine=Command-line tool ykt
zh.PackageType=一卡通专项整治数据包
en.PackageType=Subsidy One Card exchange package

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"

[Files]
Source: "..\..\build\dist\yikatong\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
; No WorkingDir: a per-machine shortcut would fix it to the installing administrator's folder.
Name: "{group}\{cm:CommandLine}"; Filename: "{cmd}"; Parameters: "/k ""{app}\ykt.exe"" --help"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .ykt packages open the program on 数据交换 with the package's preview (yikatong.exe FILE → ykt gui --open FILE).
Root: HKA; Subkey: "Software\Classes\.ykt"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:PackageType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] of the data folder, on purpose: databases, keys and backups are the office's records.
