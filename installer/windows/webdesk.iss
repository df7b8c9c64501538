; Inno Setup script for WebDesk on Windows: a per-machine install with a Start-menu entry.
; Built by `py installer\build_bundle.py` on Windows or `installer/windows/build_on_linux.py` on
; Debian under Wine (both pass AppVersion and BundleDir), or by hand:
;   iscc /DAppVersion=0.1.0 /DBundleDir=dist\WebDesk /Odist installer\windows\webdesk.iss
; Uninstalling removes the program only: each user's profile (database, settings, backups in
; %LOCALAPPDATA%\WebDesk) is never touched.  webdesk.ico is resources\icons\webdesk.svg at
; 16-256 px.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\WebDesk"
#endif
; A check build may pass /DCompression=zip (minutes less to compile; same install).
#ifndef Compression
  #define Compression "lzma2"
#endif

[Setup]
AppId={{6F4D2C1B-8E3A-4B7D-9C51-2A7E0F3B9D64}
AppName=WebDesk
AppVersion={#AppVersion}
AppPublisher=WebDesk
DefaultDirName={autopf}\WebDesk
DefaultGroupName=WebDesk
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=WebDesk-{#AppVersion}-setup
SetupIconFile=webdesk.ico
UninstallDisplayIcon={app}\webdesk.exe
Compression={#Compression}
SolidCompression=yes
WizardStyle=modern
DisableProgramGroupPage=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\WebDesk"; Filename: "{app}\webdesk-gui.exe"
Name: "{group}\WebDesk demo (no server needed)"; Filename: "{app}\webdesk-gui.exe"; Parameters: "--demo"
Name: "{group}\{cm:UninstallProgram,WebDesk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\WebDesk"; Filename: "{app}\webdesk-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\webdesk.exe"; Parameters: "--self-test"; StatusMsg: "Checking the installation..."; Flags: runhidden waituntilterminated
Filename: "{app}\webdesk-gui.exe"; Description: "{cm:LaunchProgram,WebDesk}"; Flags: nowait postinstall skipifsilent

; [UninstallDelete] deliberately lists nothing outside {app}: user data stays.
