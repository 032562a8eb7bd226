; EMV Doctor installer for Windows (NSIS, Modern UI 2). Built by scripts/package-windows.sh:
;   makensis -DVERSION=0.1.0 -DSTAGE=<folder with the files> -DOUTFILE=<setup.exe> installer.nsi
; Installs for the current user only (no administrator rights): the program files in
; %LOCALAPPDATA%\Programs\EMV Doctor, Start-menu and desktop shortcuts in English and Chinese,
; the report file type, and an uninstaller listed in "Apps & features".

; The app is x86_64 only, so the installer is too (it also runs under a 64-bit-only Wine).
Target amd64-unicode
!include "MUI2.nsh"
!include "LogicLib.nsh"

!ifndef VERSION
  !error "VERSION is not set"
!endif
!ifndef STAGE
  !error "STAGE is not set"
!endif
!ifndef OUTFILE
  !error "OUTFILE is not set"
!endif

!define APP "EMV Doctor"
!define APP_ZH "EMV Doctor 刷卡诊断"
!define PROGID "EmvDoctor.Report"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\EMV Doctor"
!define WINDOW_EXE "emv-doctor-window.exe"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "Software\${APP}" "InstallDir"
RequestExecutionLevel user
SetCompressor /SOLID lzma
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${APP}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP} installer"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "MIT OR Apache-2.0"

!define MUI_ICON "${STAGE}/emv-doctor.ico"
!define MUI_UNICON "${STAGE}/emv-doctor.ico"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${WINDOW_EXE}"

!define MUI_WELCOMEPAGE_TEXT "$(WELCOME_TEXT)"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "SimpChinese"

LangString WELCOME_TEXT ${LANG_ENGLISH} "EMV Doctor finds out why a card terminal says $\"EMV error$\": it tests the card in a USB card reader, checks the network and the clock, and writes a report for support.$\r$\n$\r$\nIt is installed for you only; no administrator rights are needed.$\r$\n$\r$\nClick Next to continue."
LangString WELCOME_TEXT ${LANG_SIMPCHINESE} "EMV Doctor 帮您查明刷卡机为什么提示“EMV 错误”：用 USB 读卡器检测银行卡，检查网络和时钟，生成给客服看的报告。$\r$\n$\r$\n只为当前用户安装，不需要管理员权限。$\r$\n$\r$\n点击“下一步”继续。"
LangString FILE_TYPE ${LANG_ENGLISH} "EMV Doctor report"
LangString FILE_TYPE ${LANG_SIMPCHINESE} "EMV Doctor 诊断报告"

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "Install"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File /r "${STAGE}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "Software\${APP}" "InstallDir" "$INSTDIR"

  ; Shortcuts in both languages: the window opens in the language of the shortcut.
  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\${WINDOW_EXE}" "--lang en" "$INSTDIR\emv-doctor.ico"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP_ZH}.lnk" "$INSTDIR\${WINDOW_EXE}" "--lang zh-CN" "$INSTDIR\emv-doctor.ico"
  CreateShortcut "$SMPROGRAMS\${APP}\Uninstall ${APP}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\${WINDOW_EXE}" "--lang en" "$INSTDIR\emv-doctor.ico"
  CreateShortcut "$DESKTOP\${APP_ZH}.lnk" "$INSTDIR\${WINDOW_EXE}" "--lang zh-CN" "$INSTDIR\emv-doctor.ico"

  ; The report file type. Windows picks the program by the last extension (.ron), so EMV Doctor
  ; becomes the default for .ron only when no other program has claimed it, and is always
  ; offered under "Open with".
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "$(FILE_TYPE)"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\emv-doctor.ico"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${WINDOW_EXE}" open "%1"'
  WriteRegStr HKCU "Software\Classes\.ron\OpenWithProgids" "${PROGID}" ""
  ReadRegStr $0 HKCR ".ron" ""
  ${If} $0 == ""
    WriteRegStr HKCU "Software\Classes\.ron" "" "${PROGID}"
  ${EndIf}
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; "Apps & features"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "EMV Doctor"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\emv-doctor.ico"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$DESKTOP\${APP}.lnk"
  Delete "$DESKTOP\${APP_ZH}.lnk"
  RMDir /r "$SMPROGRAMS\${APP}"

  ReadRegStr $0 HKCU "Software\Classes\.ron" ""
  ${If} $0 == "${PROGID}"
    DeleteRegValue HKCU "Software\Classes\.ron" ""
  ${EndIf}
  DeleteRegValue HKCU "Software\Classes\.ron\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKCU "Software\Classes\.ron\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\.ron"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\${APP}"
  ; Only what the installer put there; the folder goes only if nothing else is left in it.
  ; Reports, settings and autosaves live elsewhere (Documents, %APPDATA%) and stay.
  Delete "$INSTDIR\emv-doctor.exe"
  Delete "$INSTDIR\${WINDOW_EXE}"
  Delete "$INSTDIR\emv-doctor.ico"
  Delete "$INSTDIR\README.txt"
  RMDir /r "$INSTDIR\docs"
  RMDir /r "$INSTDIR\guides"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
SectionEnd
