import MLEReviewCore
import MLEReviewWorkbench

/// Runs the workbench on the terminal until the reviewer quits: draw, read a key, apply it.
public enum WorkbenchLoop {
    public static func run(_ driver: WorkbenchDriver, screen: TerminalScreen) {
        driver.workbench.resize(width: screen.width, height: screen.height)
        while !driver.workbench.quitRequested {
            let full = driver.workbench.fullRedraw
            driver.workbench.fullRedraw = false
            screen.draw(Screen.render(driver.workbench), full: full)
            driver.afterFirstScreen()
            // While hints are being found, wake up now and then to show them when they arrive.
            let waiting = driver.hintsPending
            guard let key = screen.readKey(timeout: waiting ? 100 : -1) else {
                if waiting { driver.collectHints(); continue }
                break
            }
            driver.collectHints()
            if key == .resize {
                driver.workbench.resize(width: screen.width, height: screen.height)
                continue
            }
            if key == .ctrl("c") { break }
            driver.handle(key)
        }
    }
}
